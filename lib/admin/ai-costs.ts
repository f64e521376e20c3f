import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';

export interface AiCostRow {
  guild_id: string;
  command: string;
  model: string;
  requests: number;
  refused: number;
  failed: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface AiBudgetRow {
  guild_id: string;
  budget_usd: number;
  hard_limit_usd: number;
  cycle_spend_usd: number;
}

export interface AiCostLedger {
  startDay: number;
  cycleStart: Date;
  cycleEnd: Date;
  total: number;
  rows: AiCostRow[];
  byGuild: { key: string; cost_usd: number; requests: number }[];
  byCommand: { key: string; cost_usd: number; requests: number }[];
  byModel: { key: string; cost_usd: number; requests: number }[];
  daily: { day: string; cost_usd: number; requests: number }[];
  budgets: AiBudgetRow[];
}

function group(rows: AiCostRow[], key: (r: AiCostRow) => string) {
  const m = new Map<string, { key: string; cost_usd: number; requests: number }>();
  for (const r of rows) {
    const k = key(r);
    const g = m.get(k) ?? { key: k, cost_usd: 0, requests: 0 };
    g.cost_usd += r.cost_usd;
    g.requests += r.requests;
    m.set(k, g);
  }
  return [...m.values()].sort((a, b) => b.cost_usd - a.cost_usd || a.key.localeCompare(b.key));
}

const num = (v: unknown) => Number(v ?? 0);

/** The current billing cycle's AI spend (or the cycle containing `at`), by guild, command and model. */
export async function aiCostLedger(claims: Claims, at: Date = new Date()): Promise<AiCostLedger> {
  return asUser(claims, async (db) => {
    const c = await db.query<{ start_day: number; cycle_start: Date; cycle_end: Date }>(
      'select start_day, cycle_start, cycle_end from public.admin_ai_cycle($1)',
      [at],
    );
    const cycle = c.rows[0] as { start_day: number; cycle_start: Date; cycle_end: Date };
    const costs = await db.query('select * from public.admin_ai_costs($1, $2)', [
      cycle.cycle_start,
      cycle.cycle_end,
    ]);
    const rows: AiCostRow[] = costs.rows.map((r) => ({
      guild_id: r.guild_id,
      command: r.command,
      model: r.model,
      requests: num(r.requests),
      refused: num(r.refused),
      failed: num(r.failed),
      input_tokens: num(r.input_tokens),
      output_tokens: num(r.output_tokens),
      cost_usd: num(r.cost_usd),
    }));
    const daily = await db.query<{ day: string; cost_usd: string; requests: string }>(
      `select to_char(day, 'YYYY-MM-DD') as day, cost_usd, requests from public.admin_ai_daily($1, $2)`,
      [cycle.cycle_start, cycle.cycle_end],
    );
    const budgets = await db.query('select * from public.admin_ai_budgets()');
    return {
      startDay: cycle.start_day,
      cycleStart: cycle.cycle_start,
      cycleEnd: cycle.cycle_end,
      total: rows.reduce((s, r) => s + r.cost_usd, 0),
      rows,
      byGuild: group(rows, (r) => r.guild_id),
      byCommand: group(rows, (r) => r.command),
      byModel: group(rows, (r) => r.model),
      daily: daily.rows.map((d) => ({ day: d.day, cost_usd: num(d.cost_usd), requests: num(d.requests) })),
      budgets: budgets.rows.map((b) => ({
        guild_id: b.guild_id,
        budget_usd: num(b.budget_usd),
        hard_limit_usd: num(b.hard_limit_usd),
        cycle_spend_usd: num(b.cycle_spend_usd),
      })),
    };
  });
}

export async function setAiBudget(
  claims: Claims,
  input: { guildId: string; budgetUsd: number; hardLimitUsd: number; reason: string },
): Promise<AiBudgetRow> {
  return asUser(claims, async (db) => {
    const r = await db.query('select * from public.admin_set_ai_budget($1, $2, $3, $4)', [
      input.guildId,
      input.budgetUsd,
      input.hardLimitUsd,
      input.reason,
    ]);
    const row = r.rows[0];
    return {
      guild_id: row.guild_id,
      budget_usd: num(row.budget_usd),
      hard_limit_usd: num(row.hard_limit_usd),
      cycle_spend_usd: 0,
    };
  });
}

export async function setAiCycleDay(claims: Claims, startDay: number, reason: string): Promise<number> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ d: number }>('select public.admin_set_ai_cycle_day($1, $2) as d', [
      startDay,
      reason,
    ]);
    return Number(r.rows[0]?.d);
  });
}
