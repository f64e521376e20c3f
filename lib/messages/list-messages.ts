import 'server-only';
import { nextKeyset } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import { type MessageRow, toMessageView } from './rows';
import type { MessagePage } from './types';

/** One page of a conversation, newest first, through public.list_messages (PPV media only when allowed). */
export async function listMessages(
  claims: Claims,
  conversationId: string,
  opts: { beforeAt?: string; beforeId?: string; limit?: number } = {},
): Promise<MessagePage> {
  const limit = opts.limit ?? 30;
  const rows = await asUser(claims, async (db) => {
    const r = await db.query<MessageRow>('select * from public.list_messages($1, $2, $3, $4)', [
      conversationId,
      opts.beforeAt ?? null,
      opts.beforeId ?? null,
      limit,
    ]);
    return r.rows;
  });
  const items = rows.map((r) => toMessageView(conversationId, r));
  const next = nextKeyset(items, limit, (m) => m.createdAt);
  return { items, nextCursor: next ? { beforeAt: next.at, beforeId: next.id } : null };
}
