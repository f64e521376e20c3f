import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';

/** A creator's price per fan message (0 = free). */
export async function getMessagePrice(claims: Claims, creatorId: string): Promise<number> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ message_price: number }>(
      'select message_price from public.message_settings where creator_id = $1',
      [creatorId],
    );
    return r.rows[0]?.message_price ?? 0;
  });
}

export async function setMessagePrice(claims: Claims, price: number): Promise<number> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ message_price: number }>(
      'select message_price from public.set_message_price($1)',
      [price],
    );
    return r.rows[0]?.message_price ?? price;
  });
}

/** Blocks (blocked = true) or unblocks another user. */
export async function setBlocked(claims: Claims, userId: string, blocked: boolean): Promise<boolean> {
  return asUser(claims, async (db) => {
    await db.query(blocked ? 'select public.block_user($1)' : 'select public.unblock_user($1)', [userId]);
    return blocked;
  });
}
