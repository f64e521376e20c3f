import { describe, expect, it } from 'vitest';
import { sql } from './helpers';

describe('admin demo seed', () => {
  it('fills the queue, the applications and the AI ledger of a fresh database', async () => {
    const { seedDemoData } = await import('@/lib/db/seed');
    await seedDemoData(() => {});
    expect(
      await sql(
        `select p.username, a.status from public.creator_applications a join public.profiles p on p.id = a.applicant_id`,
      ),
    ).toEqual([{ username: 'eli_fan', status: 'pending' }]);
    expect(await sql(`select category, status from public.user_reports`)).toEqual([
      { category: 'spam', status: 'pending' },
    ]);
    expect(await sql(`select status, max_severity from discord.moderation_queue`)).toEqual([
      { status: 'pending', max_severity: 'high' },
    ]);
    const usage = await sql<{ n: number; cost: number }>(
      `select count(*)::int as n, sum(cost_usd)::float8 as cost from discord.ai_usage`,
    );
    expect(usage[0]?.n).toBe(12);
    expect(usage[0]?.cost).toBeGreaterThan(0);
  });
});
