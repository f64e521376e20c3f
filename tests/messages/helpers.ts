import { randomUUID } from 'node:crypto';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import type pg from 'pg';
import { buyTokens, makeUsers, ownerClient, type TestUser } from '../ledger/helpers';

/** Shared by the messaging tests: users with wallets, conversations, uploads and SQL calls as a user. */

let seq = 0;
export const uniq = (p: string) => `${p}_${process.pid.toString(36)}${(++seq).toString(36)}`.slice(0, 30);

export async function people(): Promise<{ fan: TestUser; creator: TestUser; other: TestUser }> {
  const [fan, creator, other] = await makeUsers([
    { username: uniq('fan') },
    { username: uniq('cr'), role: 'creator' },
    { username: uniq('x') },
  ]);
  if (!fan || !creator || !other) throw new Error('users not created');
  return { fan, creator, other };
}

export async function fundUser(u: TestUser, tokens: number): Promise<void> {
  await buyTokens(u, tokens);
}

export async function conversation(a: TestUser, b: TestUser): Promise<string> {
  return asUser(a.claims, async (db) => {
    const r = await db.query<{ id: string }>('select id from public.get_or_create_conversation($1)', [b.id]);
    return r.rows[0]?.id as string;
  });
}

/** An upload row owned by u (the bytes are irrelevant to the SQL tests). */
export async function uploadRow(u: TestUser, type = 'image/png'): Promise<string> {
  const id = randomUUID();
  await asService((db) =>
    db.query(
      `insert into private.uploads (id, owner_id, storage, object_path, content_type, size_bytes)
       values ($1, $2, 'local', $3, $4, 10)`,
      [id, u.id, `${u.id}/${id}.png`, type],
    ),
  );
  return id;
}

export interface SendArgs {
  kind: 'text' | 'media' | 'tip' | 'ppv';
  body?: string;
  uploadId?: string | null;
  amount?: number | null;
  key?: string;
}

export async function send(u: { claims: Claims }, conversationId: string, a: SendArgs) {
  return asUser(u.claims, async (db) => {
    const r = await db.query<{ id: string; price: number; transfer_id: string | null; kind: string }>(
      'select * from public.send_message($1, $2, $3, $4, $5, $6)',
      [conversationId, a.kind, a.body ?? '', a.uploadId ?? null, a.amount ?? null, a.key ?? randomUUID()],
    );
    return r.rows[0] as { id: string; price: number; transfer_id: string | null; kind: string };
  });
}

export async function balance(u: TestUser): Promise<number> {
  return asUser(u.claims, async (db) => {
    const r = await db.query<{ balance: string }>('select balance from public.my_wallet()');
    return Number(r.rows[0]?.balance ?? 0);
  });
}

/** Ledger transfers of kind 'message' (premium messages and unlocks) and 'tip'. */
export async function transferCount(kind: 'message' | 'tip'): Promise<number> {
  return asOwner(async (db) => {
    const r = await db.query<{ n: number }>(
      'select count(*)::int as n from ledger.transfers where kind = $1',
      [kind],
    );
    return r.rows[0]?.n ?? 0;
  });
}

/** Reads ledger tables as the database owner (no API role may). */
export async function asOwner<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const c = await ownerClient();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function setPrice(creator: TestUser, price: number): Promise<void> {
  await asUser(creator.claims, (db) => db.query('select public.set_message_price($1)', [price]));
}
