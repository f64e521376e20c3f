import 'server-only';
import { sweepCalls } from '@/lib/calls/settle-due';
import { pollDiscord } from '@/lib/discord/engagement/poll';
import { syncMembers } from '@/lib/discord/engagement/sync-members';
import { sendMessageEmails } from '@/lib/notifications/message-emails';
import { payoutsJob } from '@/lib/payouts/payouts';
import { reconcileDiscordRoles } from '@/lib/subscriptions/discord-roles';
import { renewSubscriptions } from '@/lib/subscriptions/renew';
import { endStaleStreams } from './end-stale-streams';
import { purgeDiscordInteractions } from './purge-discord-interactions';
import { purgeExpiredSessions } from './purge-expired-sessions';

/**
 * Every scheduled job: a plain async function plus its schedule. Inngest wraps these in production
 * (inngest/functions.ts); the local scheduler runs the same functions in-process.
 */
export interface JobDefinition {
  name: string;
  description: string;
  /** Cron expression used by Inngest. */
  cron: string;
  /** Interval used by the local in-process scheduler. */
  everyMs: number;
  run: () => Promise<unknown>;
  /** True when a run did nothing worth a log line (frequent jobs would otherwise flood app_logs). */
  idle?: (result: unknown) => boolean;
}

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'purge-expired-sessions',
    description: 'Delete expired and revoked sessions',
    cron: '17 * * * *',
    everyMs: 60 * 60 * 1000,
    run: purgeExpiredSessions,
  },
  {
    name: 'calls-sweep',
    description: 'Expire unanswered call requests, end stale calls, settle late minutes',
    cron: '* * * * *',
    // Locally this is the only settlement worker besides the call page's heartbeats: run it often.
    everyMs: 5_000,
    run: sweepCalls,
    idle: (r) => {
      const x = r as Awaited<ReturnType<typeof sweepCalls>>;
      return x.expired + x.ended + x.settled === 0;
    },
  },
  {
    name: 'discord-poll',
    description: 'Pull Discord messages and reactions, roll up Community Scores, snapshot boards',
    cron: '*/2 * * * *',
    everyMs: 2 * 60 * 1000,
    run: () => pollDiscord(),
  },
  {
    name: 'discord-sync-members',
    description: 'Refresh Discord guild members (username, joined_at)',
    cron: '41 * * * *',
    everyMs: 60 * 60 * 1000,
    run: () => syncMembers(),
  },
  {
    name: 'purge-discord-interactions',
    description: 'Forget Discord interaction ids older than 30 days (Discord can no longer retry them)',
    cron: '23 3 * * *',
    everyMs: 24 * 60 * 60 * 1000,
    run: () => purgeDiscordInteractions(),
    idle: (r) => (r as { deleted: number }).deleted === 0,
  },
  {
    name: 'message-emails',
    description: 'Email offline users about unread messages (at most one per conversation per hour)',
    cron: '*/5 * * * *',
    everyMs: 60 * 1000,
    run: () => sendMessageEmails(),
    idle: (r) => (r as Awaited<ReturnType<typeof sendMessageEmails>>).due === 0,
  },
  {
    name: 'streams-sweep',
    description: 'End live streams whose studio has been silent for 2 minutes',
    cron: '* * * * *',
    everyMs: 60 * 1000,
    run: () => endStaleStreams(),
    idle: (r) => (r as { ended: number }).ended === 0,
  },
  {
    name: 'subscriptions-renew',
    description: 'Charge due subscription periods, start grace for unpaid ones, expire ended ones',
    cron: '7 3 * * *',
    // Daily in production; locally hourly so a dev machine that sleeps still renews on time (idempotent).
    everyMs: 60 * 60 * 1000,
    run: () => renewSubscriptions(),
    idle: (r) => {
      const x = r as Awaited<ReturnType<typeof renewSubscriptions>>;
      return x.renewed + x.grace + x.expired === 0;
    },
  },
  {
    name: 'subscriptions-discord-reconcile',
    description: 'Fix drift between subscriptions and Discord tier roles',
    cron: '23 * * * *',
    everyMs: 60 * 60 * 1000,
    run: () => reconcileDiscordRoles(),
    idle: (r) => (r as Awaited<ReturnType<typeof reconcileDiscordRoles>>).changes.length === 0,
  },
  {
    name: 'payouts-weekly',
    description: 'Automatic weekly payout requests; retry transfers interrupted after approval',
    cron: '0 * * * *',
    // Hourly is safe: at most one automatic payout per creator and week (unique index).
    everyMs: 60 * 60 * 1000,
    run: () => payoutsJob(),
    idle: (r) => {
      const x = r as Awaited<ReturnType<typeof payoutsJob>>;
      return x.requested + x.retried === 0;
    },
  },
];
