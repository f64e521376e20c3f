import 'server-only';
import { nextKeyset } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreference,
  type NotificationView,
} from './types';

interface Row {
  id: string;
  kind: NotificationKind;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

const toView = (r: Row): NotificationView => ({
  id: r.id,
  kind: r.kind,
  actorId: r.actor_id,
  targetType: r.target_type,
  targetId: r.target_id,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
});

/**
 * The caller's newest notifications (RLS: their own) and how many are unread. The next page continues
 * after the last one shown: `before` (its createdAt) and `beforeId` (its id), so notifications created in
 * the same millisecond are not skipped at a page boundary.
 */
export async function listNotifications(
  claims: Claims,
  opts: { limit?: number; before?: string; beforeId?: string } = {},
): Promise<{
  items: NotificationView[];
  unread: number;
  nextBefore: string | null;
  nextBeforeId: string | null;
}> {
  const limit = opts.limit ?? 20;
  return asUser(claims, async (db) => {
    const r = await db.query<Row>(
      `select id, kind, actor_id, target_type, target_id, title, body, link, created_at, read_at
         from public.notifications
        where ($1::timestamptz is null
               or (created_at, id) < ($1, coalesce($3::uuid, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)))
        order by created_at desc, id desc limit $2`,
      [opts.before ?? null, limit, opts.beforeId ?? null],
    );
    const u = await db.query<{ n: number }>(
      'select count(*)::int as n from public.notifications where read_at is null',
    );
    const items = r.rows.map(toView);
    const next = nextKeyset(items, limit, (n) => n.createdAt);
    return { items, unread: u.rows[0]?.n ?? 0, nextBefore: next?.at ?? null, nextBeforeId: next?.id ?? null };
  });
}

/** Marks some (ids) or all of the caller's notifications read; returns how many changed. */
export async function markNotificationsRead(claims: Claims, ids?: string[]): Promise<number> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ n: number }>('select public.mark_notifications_read($1) as n', [ids ?? null]);
    return r.rows[0]?.n ?? 0;
  });
}

export async function getPreferences(claims: Claims): Promise<NotificationPreference[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ kind: NotificationKind; in_app: boolean; email: boolean }>(
      'select kind, in_app, email from public.my_notification_preferences()',
    );
    return r.rows
      .map((x) => ({ kind: x.kind, inApp: x.in_app, email: x.email }))
      .sort((a, b) => NOTIFICATION_KINDS.indexOf(a.kind) - NOTIFICATION_KINDS.indexOf(b.kind));
  });
}

/** Saves the caller's choices (RLS: only their own rows) and returns the effective preferences. */
export async function savePreferences(
  claims: Claims,
  prefs: NotificationPreference[],
): Promise<NotificationPreference[]> {
  await asUser(claims, async (db) => {
    for (const p of prefs) {
      await db.query(
        `insert into public.notification_preferences (user_id, kind, in_app, email)
         values (auth.uid(), $1, $2, $3)
         on conflict (user_id, kind) do update set in_app = excluded.in_app, email = excluded.email, updated_at = now()`,
        [p.kind, p.inApp, p.email],
      );
    }
  });
  return getPreferences(claims);
}
