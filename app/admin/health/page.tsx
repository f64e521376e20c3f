import type { Metadata } from 'next';
import { HealthTiles } from '@/components/admin/health-tiles';
import { PanicControls } from '@/components/admin/panic-controls';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { runHealthChecks } from '@/lib/admin/health/run-health';
import { flushTargets } from '@/lib/admin/panic';
import { requireRole } from '@/lib/auth/viewer';
import { botState } from '@/lib/discord/bot-state';

export const metadata: Metadata = { title: 'Health · Admin' };

export default async function AdminHealthPage() {
  await requireRole(['admin'], '/admin/health');
  const [checks, bot] = await Promise.all([runHealthChecks(), botState()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Health</h1>
        <p className="text-muted-foreground">
          Every service checked with a 5-second timeout. “Local adapter” means the local stand-in runs instead
          of the managed service — not a failure.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Panic button</CardTitle>
          <CardDescription>
            Stop the Discord bot at once, or clear the in-memory and Redis caches.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PanicControls
            bot={{ paused: bot.paused, reason: bot.reason, changedAt: bot.changed_at.toISOString() }}
            flushTargets={flushTargets()}
          />
        </CardContent>
      </Card>
      <section aria-labelledby="checks" className="space-y-3">
        <h2 id="checks" className="text-lg font-semibold">
          Services
        </h2>
        <HealthTiles initial={checks} />
      </section>
    </div>
  );
}
