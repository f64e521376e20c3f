import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { buyTokens } from '../ledger/helpers';
import { auditRows, jsonRequest, makeUser, signInAs, sql, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { GET: costs } = await import('@/app/api/admin/ai-costs/route');
const { POST: budgets } = await import('@/app/api/admin/ai-costs/budgets/route');
const { POST: cycle } = await import('@/app/api/admin/ai-costs/cycle/route');
const { GET: metrics } = await import('@/app/api/admin/metrics/route');

let admin: TestUser;
beforeAll(async () => {
  admin = await makeUser('admin');
});

async function usage(
  guild: string,
  command: string,
  model: string,
  status: string,
  cost: number,
  at: string,
) {
  await sql(
    `insert into discord.ai_usage (guild_id, invoker_id, interaction_id, command, model, provider, status, input_tokens, output_tokens,
        input_usd_per_mtok, output_usd_per_mtok, cache_read_usd_per_mtok, cache_write_usd_per_mtok, cost_usd, created_at)
     values ($1, 'u1', $2, $3, $4, 'anthropic', $5, 1000, 200, 1, 5, 0.1, 1.25, $6, $7)`,
    [guild, randomUUID(), command, model, status, cost, at],
  );
}

describe('AI cost ledger', () => {
  it('current cycle totals by guild, command and model; refused/failed cost nothing; CSV export', async () => {
    await sql(`insert into discord.guild_settings (guild_id) values ('g_a'), ('g_b') on conflict do nothing`);
    const now = new Date();
    const today = now.toISOString();
    const lastYear = new Date(now.getTime() - 400 * 86_400_000).toISOString();
    await usage('g_a', 'audit', 'claude-haiku-4-5', 'completed', 0.25, today);
    await usage('g_a', 'audit', 'claude-sonnet-4-5', 'completed', 1.5, today);
    await usage('g_b', 'audit', 'claude-haiku-4-5', 'pending', 0.125, today);
    await usage('g_b', 'audit', 'claude-haiku-4-5', 'refused', 0, today);
    await usage('g_b', 'summary', 'claude-haiku-4-5', 'failed', 0, today);
    await usage('g_a', 'audit', 'claude-haiku-4-5', 'completed', 9, lastYear); // another cycle

    await signInAs(admin);
    const l = await (await costs(jsonRequest('/api/admin/ai-costs'))).json();
    expect(l.startDay).toBe(1);
    expect(l.total).toBeCloseTo(1.875, 8);
    expect(l.byGuild).toEqual([
      { key: 'g_a', cost_usd: 1.75, requests: 2 },
      { key: 'g_b', cost_usd: 0.125, requests: 1 },
    ]);
    expect(l.byModel).toEqual([
      { key: 'claude-sonnet-4-5', cost_usd: 1.5, requests: 1 },
      { key: 'claude-haiku-4-5', cost_usd: 0.375, requests: 2 },
    ]);
    expect(l.byCommand.map((c: { key: string }) => c.key)).toEqual(['audit', 'summary']);
    const today10 = today.slice(0, 10);
    expect(l.daily.find((d: { day: string }) => d.day === today10)).toEqual({
      day: today10,
      cost_usd: 1.875,
      requests: 3,
    });
    expect(l.budgets.find((b: { guild_id: string }) => b.guild_id === 'g_a')).toEqual({
      guild_id: 'g_a',
      budget_usd: 5,
      hard_limit_usd: 10,
      cycle_spend_usd: 1.75,
    });

    const csv = await (await costs(jsonRequest('/api/admin/ai-costs?format=csv'))).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'cycle_start_utc,guild_id,command,model,requests,refused,failed,input_tokens,output_tokens,cost_usd',
    );
    expect(lines.slice(1).map((x) => x.split(',').slice(1, 5).join(','))).toEqual([
      'g_a,audit,claude-sonnet-4-5,1',
      'g_a,audit,claude-haiku-4-5,1',
      'g_b,audit,claude-haiku-4-5,1',
      'g_b,summary,claude-haiku-4-5,0',
    ]);
  });

  it('budget and hard limit are editable, audited with before/after; bad values change nothing', async () => {
    await sql(`insert into discord.guild_settings (guild_id) values ('g_edit') on conflict do nothing`);
    await signInAs(admin);
    const ok = await budgets(
      jsonRequest('/api/admin/ai-costs/budgets', {
        guildId: 'g_edit',
        budgetUsd: 20,
        hardLimitUsd: 25.5,
        reason: 'Launch week',
      }),
    );
    expect(ok.status).toBe(200);
    expect(
      await sql(
        `select ai_monthly_budget_usd::float8 as b, ai_hard_limit_usd::float8 as h from discord.guild_settings where guild_id = 'g_edit'`,
      ),
    ).toEqual([{ b: 20, h: 25.5 }]);
    expect(await auditRows('ai.budget')).toEqual([
      {
        actor_id: admin.id,
        target_id: null,
        reason: 'Launch week',
        before: { guild_id: 'g_edit', budget_usd: 5, hard_limit_usd: 10 },
        after: { guild_id: 'g_edit', budget_usd: 20, hard_limit_usd: 25.5 },
      },
    ]);
    for (const [body, status] of [
      [{ guildId: 'g_edit', budgetUsd: 30, hardLimitUsd: 10, reason: 'limit below budget' }, 422],
      [{ guildId: 'g_edit', budgetUsd: -1, hardLimitUsd: 10, reason: 'negative' }, 422],
      [{ guildId: 'g_edit', budgetUsd: 1, hardLimitUsd: 2 }, 422],
      [{ guildId: 'g_missing', budgetUsd: 1, hardLimitUsd: 2, reason: 'no such guild' }, 404],
    ] as const) {
      expect((await budgets(jsonRequest('/api/admin/ai-costs/budgets', body))).status).toBe(status);
    }
    expect(await auditRows('ai.budget')).toHaveLength(1);
  });

  it('the cycle start day is stored, audited, moves the cycle window and the hard-limit spend', async () => {
    await signInAs(admin);
    expect(
      (await cycle(jsonRequest('/api/admin/ai-costs/cycle', { startDay: 29, reason: 'too late' }))).status,
    ).toBe(422);
    const day = new Date().getUTCDate();
    // Start the cycle tomorrow (or on the 1st at month end): today then falls in the previous cycle.
    const start = day >= 28 ? 1 : day + 1;
    const res = await cycle(
      jsonRequest('/api/admin/ai-costs/cycle', { startDay: start, reason: 'Match the invoice date' }),
    );
    expect(res.status).toBe(200);
    expect(await auditRows('ai.cycle_day')).toMatchObject([
      { actor_id: admin.id, before: { cycle_start_day: 1 }, after: { cycle_start_day: start } },
    ]);
    const l = await (await costs(jsonRequest('/api/admin/ai-costs'))).json();
    expect(l.startDay).toBe(start);
    expect(new Date(l.cycleStart).getUTCDate()).toBe(start);
    expect(new Date(l.cycleStart).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(l.cycleEnd).getTime()).toBeGreaterThan(Date.now());
    // The hard limit counts the same window.
    const spend = await sql<{ s: number }>(`select discord.ai_month_spend('g_a')::float8 as s`);
    expect(spend[0]?.s).toBeCloseTo(
      l.byGuild.find((g: { key: string }) => g.key === 'g_a')?.cost_usd ?? 0,
      8,
    );
    await cycle(jsonRequest('/api/admin/ai-costs/cycle', { startDay: 1, reason: 'back to calendar months' }));
  });
});

describe('platform metrics', () => {
  it('per day: tokens sold, revenue, platform fee, call minutes, tickets, AI spend; active fans/creators', async () => {
    const fan = await makeUser('fan');
    const creator = await makeUser('creator');
    const t = { id: fan.id, username: fan.username, claims: { sub: fan.id, role: 'authenticated' as const } };
    await buyTokens(t, 550, { amountCents: 4999 });
    await buyTokens(t, 100, { amountCents: 999 });
    await sql(`select * from ledger.tip($1, $2, 100, 'thanks', $3)`, [fan.id, creator.id, randomUUID()]);
    await sql(`insert into discord.tickets (guild_id, number, opener_id, subject, description, state, resolved_at)
               values ('g_m', 1, 'u', 'help', '', 'resolved', now()), ('g_m', 2, 'u', 'help 2', '', 'open', null)`);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

    await signInAs(admin);
    const res = await metrics(jsonRequest(`/api/admin/metrics?from=${yesterday}&to=${today}`));
    expect(res.status).toBe(200);
    const m = await res.json();
    expect(m.days.map((d: { day: string }) => d.day)).toEqual([yesterday, today]);
    const d = m.days[1];
    expect(d).toMatchObject({
      tokens_sold: 650,
      revenue_cents: 5998,
      platform_fee_tokens: 20, // 20 % of the 100-token tip (fee_bps 2000)
      call_minutes: 0,
      tickets_opened: 2,
      tickets_resolved: 1,
      active_fans: 1,
      active_creators: 1,
    });
    expect(m.days[0]).toMatchObject({ tokens_sold: 0, revenue_cents: 0, tickets_opened: 0 });
    expect(m.totals.tokens_sold).toBe(650);
    expect(m.active).toEqual({ fans_7d: 1, fans_30d: 1, creators_7d: 1, creators_30d: 1 });

    const csv = await (
      await metrics(jsonRequest(`/api/admin/metrics?from=${today}&to=${today}&format=csv`))
    ).text();
    expect(csv.split('\r\n')[0]).toBe(
      'day_utc,tokens_sold,revenue_cents,platform_fee_tokens,call_minutes,tickets_opened,tickets_resolved,ai_spend_usd,active_fans,active_creators',
    );
    expect(csv.split('\r\n')[1]).toMatch(new RegExp(`^${today},650,5998,20,0,2,1,`));
  });

  it.each([
    ['to before from', 'from=2026-11-10&to=2026-11-01'],
    ['more than 367 days', 'from=2024-01-01&to=2026-01-01'],
    ['not a date', 'from=yesterday&to=2026-11-01'],
    ['missing', ''],
  ])('%s → 422', async (_n, q) => {
    await signInAs(admin);
    const res = await metrics(jsonRequest(`/api/admin/metrics?${q}`));
    expect(res.status).toBe(422);
  });
});
