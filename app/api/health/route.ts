import { asService } from '@/lib/db/tx';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Liveness + database round trip (used by e2e readiness and uptime checks). */
export const GET = route({ auth: 'none' }, async () => {
  const started = Date.now();
  await asService((db) => db.query('select 1'));
  return { ok: true, database: { latencyMs: Date.now() - started } };
});
