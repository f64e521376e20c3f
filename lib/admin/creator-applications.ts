import 'server-only';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { writeLog } from '@/lib/log/log';
import { notifyCreatorApplicationDecision } from '@/lib/notifications/decisions';
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
 * a creator), then tells the applicant in-app and by email (per their preferences). The decision stands
 * even if notifying fails; the failure is logged for the log stream.
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
      const r = await db.query<{ display_name: string }>(
        'select p.display_name from public.profiles p where p.id = $1',
        [application.applicant_id],
      );
      return r.rows[0];
    });
    const sent = await notifyCreatorApplicationDecision({
      userId: application.applicant_id,
      displayName: who?.display_name ?? 'there',
      approved: approve,
      reason: application.decision_reason ?? reason,
      actorId: claims.sub,
      applicationId: application.id,
      requestUrl,
    });
    emailed = sent.emailed;
  } catch (err) {
    await writeLog(
      'error',
      'admin creator-application',
      'Could not notify the applicant about the decision',
      { applicationId },
      requestId,
      err,
    );
  }
  return { application, emailed };
}
