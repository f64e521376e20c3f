import { Download } from 'lucide-react';
import type { Metadata } from 'next';
import { MetricsChart } from '@/components/admin/metrics-chart';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { platformMetrics } from '@/lib/admin/metrics';
import { DayRangeSchema, lastDays } from '@/lib/admin/schemas';
import { requireRole } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'Platform metrics · Admin' };

const usd = (cents: number) => (cents / 100).toLocaleString('en', { style: 'currency', currency: 'USD' });

export default async function AdminMetricsPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin/metrics');
  const sp = await searchParams;
  const fallback = lastDays(30);
  const parsed = DayRangeSchema.safeParse({ from: sp.from ?? fallback.from, to: sp.to ?? fallback.to });
  const range = parsed.success ? parsed.data : { ...fallback, format: 'json' as const };
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid range');
  const m = await platformMetrics(viewer.claims, range.from, range.to);
  const tiles: [string, string][] = [
    ['Revenue', usd(m.totals.revenue_cents)],
    ['Tokens sold', m.totals.tokens_sold.toLocaleString('en')],
    ['Platform fee earned', `${m.totals.platform_fee_tokens.toLocaleString('en')} tokens`],
    ['Call minutes', m.totals.call_minutes.toLocaleString('en')],
    ['Tickets opened / resolved', `${m.totals.tickets_opened} / ${m.totals.tickets_resolved}`],
    ['AI spend', `$${m.totals.ai_spend_usd.toFixed(2)}`],
    ['Active fans (7 d / 30 d)', `${m.active.fans_7d} / ${m.active.fans_30d}`],
    ['Active creators (7 d / 30 d)', `${m.active.creators_7d} / ${m.active.creators_30d}`],
  ];
  const csv = `/api/admin/metrics?${new URLSearchParams({ from: range.from, to: range.to, format: 'csv' })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Platform metrics</h1>
          <p className="text-muted-foreground">
            Per UTC day, from the ledger, calls and Discord tables. Active = moved tokens or took part in a
            call.
          </p>
        </div>
        <form className="flex flex-wrap items-end gap-2" action="/admin/metrics">
          <div className="flex flex-col gap-1">
            <Label htmlFor="m-from">From</Label>
            <Input id="m-from" type="date" name="from" defaultValue={range.from} />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="m-to">To</Label>
            <Input id="m-to" type="date" name="to" defaultValue={range.to} />
          </div>
          <Button type="submit" variant="secondary">
            Show
          </Button>
          <Button asChild variant="outline">
            <a href={csv} download>
              <Download aria-hidden /> CSV
            </a>
          </Button>
        </form>
      </div>
      {problem ? (
        <Alert variant="destructive">
          <AlertDescription>{problem} — showing the last 30 days instead.</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map(([k, v]) => (
          <Card key={k}>
            <CardHeader>
              <CardDescription>{k}</CardDescription>
              <CardTitle as="div" className="text-2xl">
                {v}
              </CardTitle>
            </CardHeader>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Per day</CardTitle>
          <CardDescription>
            {range.from} to {range.to} (UTC)
          </CardDescription>
        </CardHeader>
        <CardContent>
          <MetricsChart days={m.days} />
        </CardContent>
      </Card>
    </div>
  );
}
