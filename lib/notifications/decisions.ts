import 'server-only';
import { creatorDecisionEmail } from '@/lib/admin/emails';
import { appBaseUrl } from '@/lib/email/templates';
import { notify } from './notify';

/**
 * Tells an applicant the decision on their creator application: in-app and by email, each per their
 * preferences. The admin console calls this after the decision is recorded.
 */
export async function notifyCreatorApplicationDecision(i: {
  userId: string;
  displayName: string;
  approved: boolean;
  reason: string;
  actorId?: string | null;
  applicationId?: string | null;
  /** The admin's request URL, so links point at the host they used. */
  requestUrl?: string;
}) {
  const { to: _unused, ...email } = creatorDecisionEmail({
    to: '',
    displayName: i.displayName,
    approved: i.approved,
    reason: i.reason,
    baseUrl: appBaseUrl(i.requestUrl),
  });
  return notify({
    userId: i.userId,
    kind: 'creator_application',
    actorId: i.actorId ?? null,
    target: i.applicationId ? { type: 'creator_application', id: i.applicationId } : null,
    title: i.approved ? 'Your creator application was approved' : 'Your creator application was declined',
    body: i.reason.trim() ? `Note from the team: ${i.reason.trim()}` : '',
    link: i.approved ? '/creator' : '/profile',
    email,
  });
}
