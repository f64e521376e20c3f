import { getPool } from '@/lib/db/pool';
import { asUser, type Db } from '@/lib/db/tx';
import { buyTokens, invariants, makeUsers, ownerClient, type TestUser } from '../ledger/helpers';

/** Shared by the stream tests: a creator with fans (funded), streams started through the SQL API. */

let seq = 0;
export async function creatorAndFans(
  funding: number[],
): Promise<{ creator: TestUser; fans: TestUser[]; other: TestUser }> {
  seq += 1;
  const n = `${process.pid % 1000}${seq}`;
  const [creator, other, ...fans] = await makeUsers([
    { username: `streamer_${n}`, role: 'creator' },
    { username: `other_creator_${n}`, role: 'creator' },
    ...funding.map((_, i) => ({ username: `viewer_${n}_${i}` })),
  ]);
  if (!creator || !other) throw new Error('no creator');
  for (const [i, tokens] of funding.entries()) {
    const fan = fans[i];
    if (fan && tokens > 0) await buyTokens(fan, tokens);
  }
  return { creator, fans, other };
}

export async function goLive(
  creator: TestUser,
  subscriberOnly = false,
  title = 'Studio session',
): Promise<string> {
  return asUser(creator.claims, async (db) => {
    const r = await db.query<{ id: string }>(`select id from public.start_stream($1, 'music', $2)`, [
      title,
      subscriberOnly,
    ]);
    return r.rows[0]?.id as string;
  });
}

export function as<T>(user: TestUser, fn: (db: Db) => Promise<T>): Promise<T> {
  return asUser(user.claims, fn);
}

export async function walletOf(user: TestUser): Promise<number> {
  return as(user, async (db) => {
    const r = await db.query<{ balance: string }>('select balance from public.my_wallet()');
    return Number(r.rows[0]?.balance ?? 0);
  });
}

export async function earnedBy(user: TestUser): Promise<number> {
  return as(user, async (db) => {
    const r = await db.query<{ available: string }>('select available from public.my_earnings()');
    return Number(r.rows[0]?.available ?? 0);
  });
}

/** The ledger's invariants that do not hold (tests/ledger/helpers: invariants, as the database owner). */
export async function brokenInvariants(): Promise<string[]> {
  const owner = await ownerClient();
  try {
    return (await invariants(owner)).filter((x) => !x.ok).map((x) => `${x.name}: ${x.detail}`);
  } finally {
    await owner.end();
  }
}

/** Tip transfers paid by the user (read as the database owner: ledger tables are not the API's). */
export async function tipTransfersOf(user: TestUser): Promise<number> {
  const pool = await getPool();
  const r = await pool.query<{ n: number }>(
    `select count(*)::int as n from ledger.transfers where idempotency_scope = 'tip:' || $1::text`,
    [user.id],
  );
  return r.rows[0]?.n ?? 0;
}
