import 'server-only';
import { JOBS } from '@/lib/jobs/registry';
import { inngest } from './client';

/** Each scheduled job in lib/jobs, wrapped as an Inngest cron function (the logic stays in lib/jobs). */
export const functions = JOBS.map((job) =>
  inngest.createFunction(
    { id: job.name, name: job.description, triggers: [{ cron: job.cron }], retries: 3 },
    async ({ step }) => step.run(job.name, () => job.run()),
  ),
);
