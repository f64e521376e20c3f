import 'server-only';
import { asService } from '@/lib/db/tx';
import { env } from '@/lib/env';

/** The one email interface: Postmark when POSTMARK_API_KEY is set, else the local outbox (/dev/outbox). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  tag?: string;
}

export interface SendResult {
  via: 'postmark' | 'outbox';
  id: string;
}

export async function sendEmail(msg: EmailMessage): Promise<SendResult> {
  const e = env();
  if (e.services.email.mode === 'managed' && e.raw.POSTMARK_API_KEY && e.raw.EMAIL_FROM) {
    const { ServerClient } = await import('postmark');
    const client = new ServerClient(e.raw.POSTMARK_API_KEY);
    const r = await client.sendEmail({
      From: e.raw.EMAIL_FROM,
      To: msg.to,
      Subject: msg.subject,
      TextBody: msg.text,
      HtmlBody: msg.html,
      Tag: msg.tag,
      MessageStream: 'outbound',
    });
    return { via: 'postmark', id: r.MessageID };
  }
  const r = await asService((db) =>
    db.query<{ id: number }>(
      `insert into private.email_outbox (to_address, subject, text_body, html_body, tag)
       values ($1, $2, $3, $4, $5) returning id`,
      [msg.to, msg.subject, msg.text, msg.html ?? null, msg.tag ?? null],
    ),
  );
  return { via: 'outbox', id: String(r.rows[0]?.id) };
}
