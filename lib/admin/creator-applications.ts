import 'server-only';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { sendEmail } from '@/lib/email/send-email';
import { appBaseUrl } from '@/lib/email/templates';
import { writeLog } from '@/lib/log/log';
import { creatorDecisionEmail } from './emails';
import type { CreatorApplicationInput } from './schemas';

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

export interface CreatorApplication {
  id: string;
  applicant_id: string;
  pitch: string;
  links: string[];
  status: ApplicationStatus;
  decision_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface AdminApplicationRow extends CreatorApplication {
  username: string;
  display_name: string;
  role: string;
  decided_by_username: string | null;
}

/** The signed-in user's latest application (RLS: their own rows only), or null. */
export async function myLatestApplication(claims: Claims): Promise<CreatorApplication | null> {
  return asUser(claims, async (db) => {
    const r = await db.query<CreatorApplication>(
      `select id, applicant_id, pitch, links, status, decision_reason, decided_at, created_at from public.creator_applications
        where applicant_id = auth.uid() order by created_at desc limit 1`,
    );
    return r.rows[0] ?? null;
  });
}

export async function submitCreatorApplication(
  claims: Claims,
  input: CreatorApplicationInput,
): Promise<CreatorApplication> {
  return asUser(claims, async (db) => {
    const r = await db.query<CreatorApplication>(
      `select id, applicant_id, pitch, links, status, decision_reason, decided_at, created_at from public.submit_creator_application($1, $2::text[])`,
      [input.pitch, input.links],
    );
    return r.rows[0] as CreatorApplication;
  });
}

/** Applications for the admin list: pending first (oldest first), then the latest decisions. */
export async function listApplications(
  claims: Claims,
  status: ApplicationStatus | 'all' = 'pending',
  limit = 100,
): Promise<AdminApplicationRow[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<AdminApplicationRow>(
      `select a.id, a.applicant_id, a.pitch, a.links, a.status, a.decision_reason, a.decided_at, a.created_at,
              p.username, p.display_name, p.role, d.username as decided_by_username
         from public.creator_applications a
         join public.profiles p on p.id = a.applicant_id
         left join public.profiles d on d.id = a.decided_by
        where ($1::text = 'all' or a.status = $1)
        order by (a.status = 'pending') desc,
                 case when a.status = 'pending' then a.created_at end asc,
                 a.decided_at desc nulls last
        limit $2`,
      [status, limit],
    );
    return r.rows;
  });
}

/**
 * Approves or rejects an application (the SQL function audits it and, on approval, makes the applicant
 * a creator), then emails the applicant through the email adapter. The decision stands even if the
 * email fails; the failure is logged for the log stream.
 */
export async function decideApplication(
  claims: Claims,
  applicationId: string,
  approve: boolean,
  reason: string,
  requestUrl?: string,
  requestId?: string,
): Promise<{ application: CreatorApplication; emailed: boolean }> {
  const application = await asUser(claims, async (db) => {
    const r = await db.query<CreatorApplication>(
      `select id, applicant_id, pitch, links, status, decision_reason, decided_at, created_at from public.admin_decide_creator_application($1, $2, $3)`,
      [applicationId, approve, reason],
    );
    return r.rows[0] as CreatorApplication;
  });
  let emailed = false;
  try {
    const who = await asService(async (db) => {
      const r = await db.query<{ email: string | null; display_name: string }>(
        `select u.email, p.display_name from public.profiles p join auth.users u on u.id = p.id where p.id = $1`,
        [application.applicant_id],
      );
      return r.rows[0];
    });
    if (who?.email) {
      await sendEmail(
        creatorDecisionEmail({
          to: who.email,
          displayName: who.display_name,
          approved: approve,
          reason: application.decision_reason ?? reason,
          baseUrl: appBaseUrl(requestUrl),
        }),
      );
      emailed = true;
    }
  } catch (err) {
    await writeLog(
      'error',
      'admin creator-application',
      'Could not email the applicant about the decision',
      { applicationId },
      requestId,
      err,
    );
  }
  return { application, emailed };
}
