import 'server-only';
import { authProvider } from '@/lib/auth/provider';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { sendEmail } from '@/lib/email/send-email';
import { appBaseUrl } from '@/lib/email/templates';
import { writeLog } from '@/lib/log/log';
import { moderationWarningEmail } from './emails';

export type ModerationSource = 'discord' | 'report';
export type ModerationDecision = 'dismiss' | 'warn' | 'ban';

export interface ModerationItem {
  source: ModerationSource;
  id: string;
  created_at: Date;
  status: 'pending' | ModerationDecision | 'dismissed' | 'actioned';
  category: string | null;
  severity: string | null;
  content: string;
  detail: string | null;
  subject_profile_id: string | null;
  subject_username: string | null;
  subject_label: string;
  reporter_label: string;
  guild_id: string | null;
  decided_by_username: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
}

/** Discord /audit flags and user reports in one list (pending oldest first, or the decided ones). */
export async function listModerationItems(
  claims: Claims,
  status: 'pending' | 'decided' | 'all' = 'pending',
  limit = 100,
): Promise<ModerationItem[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<ModerationItem>('select * from public.admin_moderation_items($1, $2)', [
      status,
      limit,
    ]);
    return r.rows;
  });
}

/**
 * A human decision on one item, recorded with actor and reason by the SQL function (which bans through
 * admin_set_banned). Afterwards: a ban ends the user's sessions with the auth provider, a warning is
 * emailed to the user.
 */
export async function decideModerationItem(
  claims: Claims,
  source: ModerationSource,
  id: string,
  decision: ModerationDecision,
  reason: string,
  requestUrl?: string,
  requestId?: string,
): Promise<{ subjectProfileId: string | null; decision: ModerationDecision; emailed: boolean }> {
  const row = await asUser(claims, async (db) => {
    const r = await db.query<{ subject_profile_id: string | null; status: ModerationDecision }>(
      'select subject_profile_id, status from public.admin_decide_moderation($1, $2, $3, $4)',
      [source, id, decision, reason],
    );
    return r.rows[0];
  });
  const subject = row?.subject_profile_id ?? null;
  if (decision === 'ban' && subject) await authProvider().onBanChanged(subject, true);
  let emailed = false;
  if (decision === 'warn' && subject) {
    try {
      const who = await asService(async (db) => {
        const r = await db.query<{ email: string | null; display_name: string }>(
          'select u.email, p.display_name from public.profiles p join auth.users u on u.id = p.id where p.id = $1',
          [subject],
        );
        return r.rows[0];
      });
      if (who?.email) {
        await sendEmail(
          moderationWarningEmail({
            to: who.email,
            displayName: who.display_name,
            reason,
            baseUrl: appBaseUrl(requestUrl),
          }),
        );
        emailed = true;
      }
    } catch (err) {
      await writeLog(
        'error',
        'admin moderation',
        'Could not email the warning',
        { id, source },
        requestId,
        err,
      );
    }
  }
  return { subjectProfileId: subject, decision, emailed };
}
