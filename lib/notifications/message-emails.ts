import 'server-only';
import { presenceMembers, userChannel } from '@/lib/adapters/realtime';
import { asService } from '@/lib/db/tx';
import { sendEmail } from '@/lib/email/send-email';
import { appBaseUrl } from '@/lib/email/templates';
import { logError } from '@/lib/log/log';

/**
 * "New message while you were offline" emails, batched: one email per conversation and recipient covers
 * every unread message since the last one, and at most one goes out per conversation per hour
 * (private.claim_message_email decides that atomically, so overlapping runs cannot both send). A
 * recipient who is online (present on their user channel, i.e. has a page open) is skipped this run.
 * Time is a parameter so tests move it instead of waiting.
 */
export interface MessageEmailOptions {
  now?: Date;
  /** How long a message stays unread before it is worth an email. */
  graceSeconds?: number;
  isOnline?: (userId: string) => Promise<boolean>;
}

export async function isOnline(userId: string): Promise<boolean> {
  return (await presenceMembers(userChannel(userId))).some((m) => m.clientId === userId);
}

interface Due {
  conversation_id: string;
  recipient_id: string;
  email: string;
  recipient_name: string;
  sender_name: string;
  unread: string;
  last_unread_at: Date;
}

export async function sendMessageEmails(
  opts: MessageEmailOptions = {},
): Promise<{ due: number; sent: number; online: number }> {
  const now = opts.now ?? null;
  const online = opts.isOnline ?? isOnline;
  const due = await asService(async (db) => {
    const r = await db.query<Due>(
      `select * from private.due_message_emails(coalesce($1::timestamptz, clock_timestamp()), make_interval(secs => $2))`,
      [now, opts.graceSeconds ?? 120],
    );
    return r.rows;
  });
  let sent = 0;
  let skipped = 0;
  const base = appBaseUrl();
  for (const d of due) {
    try {
      if (await online(d.recipient_id)) {
        skipped += 1;
        continue;
      }
      const claimed = await asService(async (db) => {
        const r = await db.query<{ ok: boolean }>(
          'select private.claim_message_email($1, $2, coalesce($3::timestamptz, clock_timestamp()), $4) as ok',
          [d.conversation_id, d.recipient_id, now, d.last_unread_at],
        );
        return r.rows[0]?.ok === true;
      });
      if (!claimed) continue;
      const n = Number(d.unread);
      const subject = `${d.sender_name} sent you ${n === 1 ? 'a message' : `${n} messages`}`;
      await sendEmail({
        to: d.email,
        subject,
        text: [
          `Hi ${d.recipient_name},`,
          '',
          `${subject} on CommunityOS while you were away.`,
          `Read and reply: ${base}/messages/${d.conversation_id}`,
          '',
          'You get at most one email per conversation per hour. Change this in your notification settings:',
          `${base}/settings/notifications`,
        ].join('\n'),
        tag: 'message',
      });
      sent += 1;
    } catch (err) {
      await logError('notifications.message-emails', err, { conversationId: d.conversation_id });
    }
  }
  return { due: due.length, sent, online: skipped };
}
