import 'server-only';
import type { CallSummary } from '@/lib/calls/types';
import { appBaseUrl } from '@/lib/email/templates';
import { notify } from './notify';

/**
 * A call request expired unanswered: the creator learns they missed it, the fan that it was not answered
 * (in-app and by email, per each one's preferences). Called once per expiry by the calls sweep.
 */
export async function notifyMissedCall(call: CallSummary): Promise<void> {
  const base = appBaseUrl();
  const kind = call.kind === 'video' ? 'video call' : 'voice call';
  await notify({
    userId: call.creator.id,
    kind: 'call_missed',
    actorId: call.fan.id,
    target: { type: 'call', id: call.id },
    title: `You missed a ${kind} request from ${call.fan.displayName}`,
    body: 'The request expired before it was answered. Send them a message?',
    link: '/creator/calls',
    email: {
      subject: `Missed ${kind} request from ${call.fan.displayName}`,
      text: [
        `${call.fan.displayName} (@${call.fan.username}) asked for a ${kind} and the request expired unanswered.`,
        `Your calls: ${base}/creator/calls`,
        '',
        '— The CommunityOS team',
      ].join('\n'),
    },
  });
  await notify({
    userId: call.fan.id,
    kind: 'call_missed',
    actorId: call.creator.id,
    target: { type: 'call', id: call.id },
    title: `${call.creator.displayName} did not answer your ${kind} request`,
    body: 'Nothing was charged. You can try again later or book a slot.',
    link: `/creators/${call.creator.username}`,
    email: {
      subject: `${call.creator.displayName} missed your ${kind} request`,
      text: [
        `Your ${kind} request to ${call.creator.displayName} expired unanswered. Nothing was charged.`,
        `Try again or book a slot: ${base}/creators/${call.creator.username}`,
        '',
        '— The CommunityOS team',
      ].join('\n'),
    },
  });
}
