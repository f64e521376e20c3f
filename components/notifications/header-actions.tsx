import { InboxLink } from '@/components/messages/inbox-link';
import type { Viewer } from '@/lib/auth/viewer';
import { asUser } from '@/lib/db/tx';
import { logError } from '@/lib/log/log';
import { NotificationBell } from './notification-bell';

/** Header icons for a signed-in user: Messages (unread count) and the notification bell. */
export async function HeaderActions({ viewer }: { viewer: Viewer }) {
  const counts = await asUser(viewer.claims, async (db) => {
    const r = await db.query<{ messages: string; notifications: string }>(
      `select public.get_unread_count() as messages,
              (select count(*) from public.notifications where read_at is null) as notifications`,
    );
    return {
      messages: Number(r.rows[0]?.messages ?? 0),
      notifications: Number(r.rows[0]?.notifications ?? 0),
    };
  }).catch(async (err: unknown) => {
    // A failed count costs the badges, not the page.
    await logError('header.counts', err, { userId: viewer.profile.id });
    return { messages: 0, notifications: 0 };
  });
  return (
    <>
      <InboxLink userId={viewer.profile.id} initialCount={counts.messages} />
      <NotificationBell userId={viewer.profile.id} initialUnread={counts.notifications} />
    </>
  );
}
