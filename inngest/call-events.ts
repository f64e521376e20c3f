import 'server-only';
import { env } from '@/lib/env';
import { logError } from '@/lib/log/log';
import { inngest } from './client';

/** Event names of the per-call settlement loop (inngest/functions.ts). */
export const CALL_CONNECTED = 'call/connected';
export const CALL_ENDED = 'call/ended';

/**
 * Sends a call lifecycle event to Inngest when it is configured. In local mode the in-process scheduler
 * settles calls instead (lib/jobs/registry.ts), so there is nothing to send. A failed send is logged, not
 * thrown: the every-minute sweep settles any call whose loop did not start.
 */
export async function sendCallEvent(
  name: typeof CALL_CONNECTED | typeof CALL_ENDED,
  data: { callId: string; connectedAt?: string | null },
) {
  const e = env();
  if (e.services.jobs.mode !== 'managed' && e.raw.INNGEST_DEV !== '1') return;
  try {
    await inngest.send({ name, data });
  } catch (err) {
    await logError('calls.inngest', err, { event: name, callId: data.callId });
  }
}
