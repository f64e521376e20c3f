import 'server-only';
import { nextKeyset } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { type ConversationRow, toConversationSummary } from './rows';
import type { ConversationSummary } from './types';

/** The one conversation between the caller and another user, created on first use. */
export async function getOrCreateConversation(claims: Claims, otherUserId: string): Promise<{ id: string }> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>('select id from public.get_or_create_conversation($1)', [
      otherUserId,
    ]);
    const row = r.rows[0];
    if (!row) throw new Error('get_or_create_conversation returned no row');
    return { id: row.id };
  });
}

/**
 * The caller's conversations, newest activity first. The next page continues after the last one shown:
 * `before` (its lastMessageAt) and `beforeId` (its id), so two with the same last activity are not skipped.
 */
export async function listConversations(
  claims: Claims,
  opts: { limit?: number; before?: string; beforeId?: string } = {},
): Promise<{ items: ConversationSummary[]; nextBefore: string | null; nextBeforeId: string | null }> {
  const limit = opts.limit ?? 30;
  const rows = await asUser(claims, async (db) => {
    const r = await db.query<ConversationRow>(
      `select c.*, private.loyalty_months(c.other_id, auth.uid()) as other_loyalty_months
         from public.list_conversations($1, $2, null, $3) with ordinality c order by c.ordinality`,
      [limit, opts.before ?? null, opts.beforeId ?? null],
    );
    return r.rows;
  });
  const items = rows.map(toConversationSummary);
  const next = nextKeyset(items, limit, (c) => c.lastMessageAt);
  return { items, nextBefore: next?.at ?? null, nextBeforeId: next?.id ?? null };
}

/** One conversation of the caller (404 for anyone else). */
export async function getConversation(claims: Claims, id: string): Promise<ConversationSummary> {
  const row = await asUser(claims, async (db) => {
    const r = await db.query<ConversationRow>(
      `select c.*, private.loyalty_months(c.other_id, auth.uid()) as other_loyalty_months
         from public.list_conversations(1, null, $1) c`,
      [id],
    );
    return r.rows[0] ?? null;
  });
  if (!row) throw new AppError('NOT_FOUND', 'Conversation not found');
  return toConversationSummary(row);
}
