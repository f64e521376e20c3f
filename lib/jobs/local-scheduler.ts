import 'server-only';
import { logError, writeLog } from '@/lib/log/log';
import { JOBS, type JobDefinition } from './registry';

/**
 * Local mode only: runs the registered jobs in-process on their intervals (first run shortly after
 * start). One run of a job at a time; failures are logged to app_logs and retried next interval.
 */
const g = globalThis as typeof globalThis & { __communityosScheduler?: { timers: NodeJS.Timeout[] } };

async function runOnce(job: JobDefinition, running: Set<string>): Promise<void> {
  if (running.has(job.name)) return;
  running.add(job.name);
  try {
    const result = await job.run();
    if (!job.idle?.(result)) await writeLog('debug', `job ${job.name}`, 'completed', { result });
  } catch (err) {
    await logError(`job ${job.name}`, err);
  } finally {
    running.delete(job.name);
  }
}

export function startLocalScheduler(jobs: readonly JobDefinition[] = JOBS): void {
  if (g.__communityosScheduler) return;
  const running = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs) {
    const first = setTimeout(() => void runOnce(job, running), 5_000);
    const every = setInterval(() => void runOnce(job, running), job.everyMs);
    first.unref();
    every.unref();
    timers.push(first, every);
  }
  g.__communityosScheduler = { timers };
}

export function stopLocalScheduler(): void {
  for (const t of g.__communityosScheduler?.timers ?? []) clearInterval(t);
  g.__communityosScheduler = undefined;
}
