import 'server-only';
import { callChannel, publish, userChannel } from '@/lib/adapters/realtime';
import { logError } from '@/lib/log/log';
import type { CallSummary } from './types';

export const CALL_EVENT = 'call.updated';

/**
 * Tells both participants (their user channels, for ringing anywhere in the app) and the call channel
 * that a call changed. Best effort after the commit: the database is the truth, pages also poll it.
 */
export async function publishCall(call: CallSummary): Promise<void> {
  const data = { call };
  await Promise.all(
    [userChannel(call.fan.id), userChannel(call.creator.id), callChannel(call.id)].map((ch) =>
      publish(ch, CALL_EVENT, data).catch((err) =>
        logError('calls.publish', err, { callId: call.id, channel: ch }),
      ),
    ),
  );
}
