import 'server-only';
import { appBaseUrl } from '@/lib/email/templates';
import { notify } from './notify';

/**
 * Tells an applicant the decision on their creator application (in-app and by email, per their
 * preferences). The admin console calls this after recording the decision.
 */
export async function notifyCreatorApplicationDecision(i: {
  userId: string;
  approved: boolean;
  /** Shown to the applicant; optional for approvals. */
  reason?: string | null;
  actorId?: string | null;
  applicationId?: string | null;
}) {
  const base = appBaseUrl();
  const title = i.approved
    ? 'Your creator application was approved'
    : 'Your creator application was declined';
  const reason = i.reason?.trim() ? `Reason: ${i.reason.trim()}` : '';
  const next = i.approved
    ? `You can now set your rates and go live. Start here: ${base}/creator`
    : `You can apply again later from ${base}/profile.`;
  return notify({
    userId: i.userId,
    kind: 'creator_application',
    actorId: i.actorId ?? null,
    target: i.applicationId ? { type: 'creator_application', id: i.applicationId } : null,
    title,
    body: [reason, i.approved ? 'Welcome aboard.' : ''].filter(Boolean).join(' '),
    link: i.approved ? '/creator' : '/profile',
    email: {
      subject: title,
      text: [`${title}.`, reason, next, '', '— The CommunityOS team']
        .filter((l) => l !== undefined)
        .join('\n'),
      tag: 'creator-application',
    },
  });
}
