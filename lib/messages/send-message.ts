import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { notify } from '@/lib/notifications/notify';
import { publishConversation, publishInbox } from './events';
import { type MessageRow, toMessageView } from './rows';
import type { SendMessageInput } from './schemas';
import type { MessageView } from './types';

/**
 * Sends a message through public.send_message (which charges premium messages and tips in the same
 * transaction), then tells both windows. The sender gets their own view (a PPV with its media); the
 * conversation channel carries the recipient's view (a PPV locked, without its URL).
 */
export async function sendMessage(
  claims: Claims,
  conversationId: string,
  input: SendMessageInput,
): Promise<MessageView> {
  const { row, media, senderName } = await asUser(claims, async (db) => {
    const r = await db.query<MessageRow & { conversation_id: string }>(
      'select * from public.send_message($1, $2, $3, $4, $5, $6)',
      [conversationId, input.kind, input.body, input.uploadId ?? null, input.amount ?? null, input.clientKey],
    );
    const m = r.rows[0];
    if (!m) throw new Error('send_message returned no row');
    // The sender reads their own PPV media back through the same function the thread uses.
    const own =
      m.kind === 'ppv'
        ? await db.query<{ media_url: string | null; media_type: string | null }>(
            // The newest page holds it (it was just sent).
            'select media_url, media_type from public.list_messages($1, null, null, 100) where id = $2',
            [conversationId, m.id],
          )
        : null;
    const p = await db.query<{ display_name: string }>(
      'select display_name from public.profiles where id = $1',
      [m.sender_id],
    );
    return { row: m, media: own?.rows[0] ?? null, senderName: p.rows[0]?.display_name ?? 'Someone' };
  });
  const forRecipient = toMessageView(conversationId, {
    ...row,
    locked: row.kind === 'ppv',
    unlocked: false,
  });
  const forSender: MessageView = {
    ...forRecipient,
    locked: false,
    mediaUrl: media?.media_url ?? forRecipient.mediaUrl,
    mediaType: media?.media_type ?? forRecipient.mediaType,
  };
  await publishConversation(conversationId, { name: 'message', data: forRecipient });
  await publishInbox([row.sender_id, row.recipient_id], conversationId);
  if (row.kind === 'tip') {
    await notify({
      userId: row.recipient_id,
      kind: 'tip',
      actorId: row.sender_id,
      target: { type: 'conversation', id: conversationId },
      title: `${senderName} tipped you ${row.price} tokens`,
      body: row.body,
      link: `/messages/${conversationId}`,
    });
  }
  return forSender;
}
