import { asService, asUser, type Db } from '@/lib/db/tx';
import { buyTokens, invariants, makeUsers, ownerClient, type TestUser } from '../ledger/helpers';

/** Shared by the subscription tests: a creator with tiers, funded fans, and subscriptions on frozen time. */

export interface SubRow {
  id: string;
  fan_id: string;
  creator_id: string;
  tier_id: string;
  status: string;
  cancel_at_period_end: boolean;
  period_index: number;
  current_period_start: Date;
  current_period_end: Date;
  price: number;
  grace_until: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
}

export interface TierRow {
  id: string;
  level: number;
  name: string;
  price: number;
}

let seq = 0;
export async function creatorWithFans(
  fans: number[],
  tiers: { name: string; price: number; cap?: number | null }[] = [
    { name: 'Supporter', price: 50 },
    { name: 'VIP', price: 200 },
  ],
): Promise<{ creator: TestUser; fans: TestUser[]; tiers: TierRow[] }> {
  seq += 1;
  const n = `${process.pid % 1000}${seq}`;
  const [creator, ...rest] = await makeUsers([
    { username: `subc_${n}`, role: 'creator' },
    ...fans.map((_, i) => ({ username: `subf_${n}_${i}` })),
  ]);
  if (!creator) throw new Error('no creator');
  const made: TierRow[] = [];
  for (const [i, t] of tiers.entries()) {
    made.push(await saveTier(creator, { level: i + 1, name: t.name, price: t.price, cap: t.cap ?? null }));
  }
  for (const [i, tokens] of fans.entries()) {
    const fan = rest[i];
    if (fan && tokens > 0) await buyTokens(fan, tokens);
  }
  return { creator, fans: rest, tiers: made };
}

export async function saveTier(
  creator: TestUser,
  t: {
    id?: string;
    level: number;
    name: string;
    price: number;
    cap?: number | null;
    guild?: string;
    role?: string;
  },
): Promise<TierRow> {
  return asUser(creator.claims, async (db) => {
    const r = await db.query<{ tier: string }>(
      'select (x.tier).id, (x.tier).level, (x.tier).name, (x.tier).price from public.save_subscription_tier($1, $2, $3, $4, $5, $6, true, $7, $8) x',
      [t.id ?? null, t.level, t.name, t.price, 'perks', t.cap ?? null, t.guild ?? null, t.role ?? null],
    );
    return r.rows[0] as unknown as TierRow;
  });
}

export function subscribe(fan: TestUser, tierId: string): Promise<SubRow> {
  return asUser(fan.claims, async (db) => {
    const r = await db.query<SubRow>('select * from public.subscribe($1)', [tierId]);
    return r.rows[0] as SubRow;
  });
}

export async function getSub(id: string): Promise<SubRow> {
  return asService(async (db) => {
    const r = await db.query<SubRow>('select * from public.subscriptions where id = $1', [id]);
    return r.rows[0] as SubRow;
  });
}

/** Moves a subscription's current period into the past so it is due at `now` (test time travel). */
export async function makeDue(id: string, endedAt: Date): Promise<void> {
  await asService((db) =>
    db.query(
      `update public.subscriptions
          set current_period_start = $2::timestamptz - interval '1 month', current_period_end = $2,
              started_at = least(started_at, $2::timestamptz - interval '1 month')
        where id = $1`,
      [id, endedAt],
    ),
  );
}

export function renewDue(db: Db, now: Date): Promise<{ subscription_id: string; outcome: string }[]> {
  return db
    .query<{ subscription_id: string; outcome: string }>(
      'select * from private.renew_due_subscriptions($1)',
      [now],
    )
    .then((r) => r.rows);
}

export async function charges(id: string): Promise<{ period_index: number; amount: number; fee: number }[]> {
  return asService(async (db) => {
    const r = await db.query<{ period_index: number; amount: number; fee: number }>(
      'select period_index, amount, fee from public.subscription_charges where subscription_id = $1 order by period_index',
      [id],
    );
    return r.rows;
  });
}

export async function subscriptionTransfers(id: string): Promise<number> {
  const c = await ownerClient();
  try {
    const r = await c.query<{ n: string }>(
      `select count(*) as n from ledger.transfers where idempotency_scope = $1 and kind = 'subscription'`,
      [`subscription:${id}`],
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await c.end();
  }
}

export async function ledgerProblems(): Promise<string[]> {
  const c = await ownerClient();
  try {
    return (await invariants(c)).filter((x) => !x.ok).map((x) => `${x.name}: ${x.detail}`);
  } finally {
    await c.end();
  }
}
