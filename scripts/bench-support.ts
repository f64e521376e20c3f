import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** Set-up shared by the benchmarks: many users at once, funded through the ledger's Stripe entry point. */

/** `n` auth users named prefix1…prefixN (their profiles follow from the sign-up trigger); returns their ids. */
export async function createBenchUsers(db: pg.ClientBase, prefix: string, n: number): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `insert into auth.users (id, aud, role, email, raw_user_meta_data)
     select gen_random_uuid(), 'authenticated', 'authenticated', $1 || g || '@bench.test',
            jsonb_build_object('username', $1 || g)
       from generate_series(1, $2) g
     returning id`,
    [prefix, n],
  );
  return r.rows.map((x) => x.id);
}

/** Runs fn for every item on `workers` pooled connections. */
export async function onConnections<T>(
  pool: pg.Pool,
  items: readonly T[],
  workers: number,
  fn: (c: pg.PoolClient, item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const c = await pool.connect();
      try {
        for (let item = queue.pop(); item !== undefined; item = queue.pop()) await fn(c, item);
      } finally {
        c.release();
      }
    }),
  );
}

/** Credits each user `tokens` through ledger.apply_stripe_purchase, as a paid checkout would (8 connections). */
export async function fundUsers(
  pool: pg.Pool,
  users: readonly string[],
  tokens: number,
  pkg: { id: string; amountCents: number },
): Promise<void> {
  await onConnections(pool, users, 8, async (c, user) => {
    await c.query('select * from ledger.apply_stripe_purchase($1, $2, $3, $4, $5, $6, $7, $8)', [
      `evt_bench_${randomUUID()}`,
      `cs_bench_${randomUUID()}`,
      user,
      pkg.id,
      tokens,
      pkg.amountCents,
      'usd',
      `pi_bench_${randomUUID()}`,
    ]);
  });
}
