import { runHealthChecks } from '@/lib/admin/health/run-health';
import { route } from '@/lib/http/route';

/** Admin only: every health check, run now in parallel (each with its own ≤ 5 s timeout). */
export const GET = route({ auth: ['admin'] }, async () => ({ checks: await runHealthChecks() }));
