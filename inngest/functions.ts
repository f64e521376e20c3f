import 'server-only';
import { settleCall } from '@/lib/calls/settle-due';
import { JOBS } from '@/lib/jobs/registry';
import { CALL_CONNECTED, CALL_ENDED } from './call-events';
import { inngest } from './client';

/** Each scheduled job in lib/jobs, wrapped as an Inngest cron function (the logic stays in lib/jobs). */
const crons = JOBS.map((job) =>
  inngest.createFunction(
    { id: job.name, name: job.description, triggers: [{ cron: job.cron }], retries: 3 },
    async ({ step }) => step.run(job.name, () => job.run()),
  ),
);

/** Minutes one run settles before it hands over to a fresh run (keeps well inside Inngest's step limit). */
export const MINUTES_PER_RUN = 60;

/**
 * One run per connected call: sleep until the next minute boundary, settle (idempotent SQL), repeat;
 * cancelled by `call/ended`; after MINUTES_PER_RUN boundaries it continues in a new run. Late or lost
 * runs cannot change a total — the every-minute sweep and the call page's heartbeats settle too.
 */
export const callMinuteLoop = inngest.createFunction(
  {
    id: 'call-minute-loop',
    name: 'Settle a connected call minute by minute',
    triggers: [{ event: CALL_CONNECTED }],
    cancelOn: [{ event: CALL_ENDED, match: 'data.callId' }],
    retries: 5,
  },
  async ({ event, step }) => {
    const {
      callId,
      connectedAt,
      fromMinute = 1,
    } = event.data as {
      callId: string;
      connectedAt: string;
      fromMinute?: number;
    };
    const start = new Date(connectedAt).getTime();
    for (let k = fromMinute; k < fromMinute + MINUTES_PER_RUN; k++) {
      await step.sleepUntil(`boundary-${k}`, new Date(start + k * 60_000));
      const ended = await step.run(`settle-${k}`, async () => (await settleCall(callId)) !== null);
      if (ended) return { callId, endedAtBoundary: k };
    }
    await step.sendEvent('continue', {
      name: CALL_CONNECTED,
      data: { callId, connectedAt, fromMinute: fromMinute + MINUTES_PER_RUN },
    });
    return { callId, continued: fromMinute + MINUTES_PER_RUN };
  },
);

export const functions = [...crons, callMinuteLoop];
