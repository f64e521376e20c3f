import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { asService, type Claims } from '@/lib/db/tx';

/** Shared by the ledger tests: fast users, SQLSTATE capture, and an owner connection to read ledger tables. */

export interface TestUser {
  id: string;
  username: string;
  claims: Claims;
}

/** Creates auth users directly (the profile trigger runs as on sign-up) — no password hashing. */
export async function makeUsers(
  specs: { username: string; role?: 'fan' | 'creator' | 'staff' | 'admin'; banned?: boolean }[],
): Promise<TestUser[]> {
  return asService(async (db) => {
    const out: TestUser[] = [];
    for (const s of specs) {
      const id = randomUUID();
      await db.query(
        `insert into auth.users (id, aud, role, email, raw_user_meta_data)
         values ($1, 'authenticated', 'authenticated', $2, $3)`,
        [id, `${s.username}@example.test`, { username: s.username, display_name: `User ${s.username}` }],
      );
      await db.query('update public.profiles set role = $2, is_banned = $3 where id = $1', [
        id,
        s.role ?? 'fan',
        s.banned ?? false,
      ]);
      out.push({ id, username: s.username, claims: { sub: id, role: 'authenticated' } });
    }
    return out;
  });
}

/** The SQLSTATE a promise fails with, or 'resolved'. */
export async function sqlstate(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
}

/** The error a promise fails with (throws when it resolves). */
export async function failure(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a failure');
}

/** A connection as the database owner (the migration role): reads ledger tables, tries forbidden writes. */
export async function ownerClient(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  return c;
}

export interface InvariantRow {
  name: string;
  ok: boolean;
  detail: string;
}

export async function invariants(db: pg.ClientBase): Promise<InvariantRow[]> {
  const r = await db.query<InvariantRow>('select name, ok, detail from ledger.check_invariants()');
  return r.rows;
}

/** Purchase through the Stripe entry point (service role), with fresh ids unless given. */
export async function buyTokens(
  user: TestUser,
  tokens: number,
  ids: { event?: string; session?: string; pi?: string; amountCents?: number } = {},
): Promise<{ credited: boolean; transferId: number | null }> {
  return asService(async (db) => {
    const r = await db.query<{ credited: boolean; transfer_id: number | null }>(
      'select credited, transfer_id from ledger.apply_stripe_purchase($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        ids.event ?? `evt_${randomUUID()}`,
        ids.session ?? `cs_${randomUUID()}`,
        user.id,
        'starter',
        tokens,
        ids.amountCents ?? tokens * 10,
        'usd',
        ids.pi ?? `pi_${randomUUID()}`,
      ],
    );
    const row = r.rows[0];
    return { credited: row?.credited === true, transferId: row?.transfer_id ?? null };
  });
}
