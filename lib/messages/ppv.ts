import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { notify } from '@/lib/notifications/notify';
import { publishConversation, publishInbox } from './events';

/** Unlocks a PPV message for the caller (charged once, however often it is called). */
export async function unlockMessage(
  claims: Claims,
  messageId: string,
): Promise<{ mediaUrl: string; mediaType: string; replayed: boolean }> {
  const r = await asUser(claims, async (db) => {
    const u = await db.query<{ media_url: string; media_type: string; replayed: boolean }>(
      'select media_url, media_type, replayed from public.unlock_message($1)',
      [messageId],
    );
    const m = await db.query<{ conversation_id: string; sender_id: string; price: number; name: string }>(
      `select m.conversation_id, m.sender_id, m.price, p.display_name as name
         from public.messages m join public.profiles p on p.id = m.recipient_id where m.id = $1`,
      [messageId],
    );
    return { unlock: u.rows[0], msg: m.rows[0] };
  });
  if (!r.unlock || !r.msg) throw new Error('unlock_message returned no row');
  if (!r.unlock.replayed) {
    await publishConversation(r.msg.conversation_id, { name: 'unlocked', data: { messageId } });
    await notify({
      userId: r.msg.sender_id,
      kind: 'ppv_unlock',
      actorId: claims.sub,
      target: { type: 'message', id: messageId },
      title: `${r.msg.name} unlocked your media for ${r.msg.price} tokens`,
      link: `/messages/${r.msg.conversation_id}`,
    });
  }
  return { mediaUrl: r.unlock.media_url, mediaType: r.unlock.media_type, replayed: r.unlock.replayed };
}

/** Withdraws a PPV message the caller sent; a recipient who already paid keeps it. */
export async function unsendMessage(
  claims: Claims,
  messageId: string,
): Promise<{ unsent: boolean; hiddenFromRecipient: boolean }> {
  const r = await asUser(claims, async (db) => {
    const u = await db.query<{ unsent: boolean; hidden_from_recipient: boolean }>(
      'select unsent, hidden_from_recipient from public.unsend_message($1)',
      [messageId],
    );
    const m = await db.query<{ conversation_id: string; recipient_id: string }>(
      'select conversation_id, recipient_id from public.messages where id = $1',
      [messageId],
    );
    return { u: u.rows[0], m: m.rows[0] };
  });
  if (!r.u || !r.m) throw new Error('unsend_message returned no row');
  if (r.u.hidden_from_recipient) {
    await publishConversation(r.m.conversation_id, { name: 'unsent', data: { messageId } });
    await publishInbox([claims.sub, r.m.recipient_id], r.m.conversation_id);
  }
  return { unsent: r.u.unsent, hiddenFromRecipient: r.u.hidden_from_recipient };
}
