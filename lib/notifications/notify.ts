import 'server-only';
import { publish, userChannel } from '@/lib/adapters/realtime';
import { asService } from '@/lib/db/tx';
import { sendEmail } from '@/lib/email/send-email';
import { writeLog } from '@/lib/log/log';
import type { NotificationKind, NotificationView } from './types';

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  actorId?: string | null;
  target?: { type: string; id: string } | null;
  title: string;
  body?: string;
  /** An in-app path the bell opens, e.g. /messages/<id>. */
  link?: string | null;
  /** Sent when the user wants this kind by email (message emails are batched by the message-emails job instead). */
  email?: { subject: string; text: string; html?: string; tag?: string } | null;
}

export interface NotifyResult {
  notificationId: string | null;
  emailed: boolean;
}

/**
 * The one way to tell a user something: an in-app notification (pushed live on their user channel) and/or
 * an email, each only when the user's preferences for this kind allow it. Failures to push or email are
 * logged, not thrown — the action that caused the notification has already happened.
 */
export async function notify(i: NotifyInput): Promise<NotifyResult> {
  const { row, wants, address } = await asService(async (db) => {
    const w = await db.query<{ in_app: boolean; email: boolean }>(
      'select in_app, email from private.notification_wants($1, $2)',
      [i.userId, i.kind],
    );
    const n = await db.query<{
      id: string;
      created_at: Date;
    }>(
      `with n as (select private.notify($1, $2, $3, $4, $5, $6, $7, $8) as id)
       select n.id, clock_timestamp() as created_at from n where n.id is not null`,
      [
        i.userId,
        i.kind,
        i.actorId ?? null,
        i.target?.type ?? null,
        i.target?.id ?? null,
        i.title,
        i.body ?? '',
        i.link ?? null,
      ],
    );
    const a = await db.query<{ email: string | null }>('select email from auth.users where id = $1', [
      i.userId,
    ]);
    return { row: n.rows[0] ?? null, wants: w.rows[0], address: a.rows[0]?.email ?? null };
  });
  if (row) {
    const view: NotificationView = {
      id: row.id,
      kind: i.kind,
      actorId: i.actorId ?? null,
      targetType: i.target?.type ?? null,
      targetId: i.target?.id ?? null,
      title: i.title,
      body: i.body ?? '',
      link: i.link ?? null,
      createdAt: new Date(row.created_at).toISOString(),
      readAt: null,
    };
    await publish(userChannel(i.userId), 'notification', view).catch((err: unknown) =>
      writeLog('warn', 'notifications.push', 'could not push a notification', { id: row.id }, undefined, err),
    );
  }
  let emailed = false;
  if (i.email && wants?.email && address) {
    try {
      await sendEmail({ to: address, tag: i.kind, ...i.email });
      emailed = true;
    } catch (err) {
      await writeLog(
        'error',
        'notifications.email',
        'could not send an email',
        { kind: i.kind },
        undefined,
        err,
      );
    }
  }
  return { notificationId: row?.id ?? null, emailed };
}
