import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { publishConversation, publishInbox } from './events';

/** Marks the caller's received messages in a conversation read and sends the read receipt live. */
export async function markConversationRead(
  claims: Claims,
  conversationId: string,
): Promise<{ marked: number; readAt: string }> {
  const row = await asUser(claims, async (db) => {
    const r = await db.query<{ marked: number; read_at: Date }>(
      'select marked, read_at from public.mark_messages_as_read($1)',
      [conversationId],
    );
    return r.rows[0];
  });
  if (!row) throw new Error('mark_messages_as_read returned no row');
  const readAt = new Date(row.read_at).toISOString();
  if (row.marked > 0) {
    await publishConversation(conversationId, { name: 'read', data: { readerId: claims.sub, readAt } });
    await publishInbox([claims.sub], conversationId);
  }
  return { marked: row.marked, readAt };
}

/** Messages the caller has not read yet (the header badge). */
export async function unreadCount(claims: Claims): Promise<number> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ n: string }>('select public.get_unread_count() as n');
    return Number(r.rows[0]?.n ?? 0);
  });
}
