import type pg from 'pg';
import { getPool } from './pool';

/** The claims Supabase puts in its JWT, and that local auth reproduces exactly. */
export interface Claims {
  sub: string;
  email?: string;
  role: 'authenticated';
  session_id?: string;
  aud?: string | string[];
  exp?: number;
  iat?: number;
  [extra: string]: unknown;
}

export type Db = pg.PoolClient;

async function inTransaction<T>(setup: (c: Db) => Promise<void>, fn: (c: Db) => Promise<T>): Promise<T> {
  const client = await (await getPool()).connect();
  try {
    await client.query('begin');
    await setup(client);
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * One transaction as the signed-in user (or anon when claims is null): RLS and grants decide what it sees
 * and changes, exactly as PostgREST does on Supabase.
 */
export function asUser<T>(claims: Claims | null, fn: (c: Db) => Promise<T>): Promise<T> {
  return inTransaction(async (c) => {
    // set_config('role', …, true) is SET LOCAL ROLE; one round trip sets both.
    await c.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
      claims ? 'authenticated' : 'anon',
      JSON.stringify(claims ?? { role: 'anon' }),
    ]);
  }, fn);
}

/** One transaction as service_role (bypasses RLS): webhooks, jobs, Discord, auth internals only. */
export function asService<T>(fn: (c: Db) => Promise<T>): Promise<T> {
  return inTransaction(async (c) => {
    await c.query(
      `select set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true)`,
      [JSON.stringify({ role: 'service_role' })],
    );
  }, fn);
}

/**
 * One statement as the pool's own role, in its own implicit transaction: a single round trip instead
 * of begin / set role / statement / commit. For hot paths whose one statement is a SQL function or a
 * read of private tables (the Discord interaction path), where RLS and role switching have no part.
 */
export async function serviceQuery<R extends pg.QueryResultRow>(
  text: string,
  values: unknown[],
): Promise<pg.QueryResult<R>> {
  return (await getPool()).query<R>(text, values);
}
