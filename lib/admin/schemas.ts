import { z } from 'zod';
import { Reason, ROLES } from '@/lib/auth/schemas';

/** One zod schema per admin resource, shared by the forms, the routes and the tests. */

export const BotPauseSchema = z.object({ paused: z.boolean(), reason: Reason });
export const FlushCacheSchema = z.object({ reason: Reason });

const Usd = z.coerce
  .number({ error: 'Enter an amount in USD' })
  .finite()
  .min(0, { error: 'Must be 0 or more' })
  .max(100_000, { error: 'At most 100000 USD' });

export const AiBudgetSchema = z
  .object({ guildId: z.string().trim().min(1).max(40), budgetUsd: Usd, hardLimitUsd: Usd, reason: Reason })
  .refine((v) => v.hardLimitUsd >= v.budgetUsd, {
    path: ['hardLimitUsd'],
    error: 'The hard limit must be at least the budget',
  });

export const AiCycleDaySchema = z.object({
  startDay: z.coerce
    .number()
    .int()
    .min(1, { error: 'Between 1 and 28' })
    .max(28, { error: 'Between 1 and 28' }),
  reason: Reason,
});

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export const LogQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
  level: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter(Boolean) : []))
    .pipe(z.array(z.enum(LOG_LEVELS))),
  source: z.string().trim().max(200).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type LogQuery = z.infer<typeof LogQuerySchema>;

export const UserSearchSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const DecideApplicationSchema = z.object({
  decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject' }),
  reason: Reason,
});

export const MODERATION_DECISIONS = ['dismiss', 'warn', 'ban'] as const;
export const ModerationDecisionSchema = z.object({
  source: z.enum(['discord', 'report']),
  decision: z.enum(MODERATION_DECISIONS, { error: 'Choose dismiss, warn or ban' }),
  reason: Reason,
});

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use YYYY-MM-DD' });
export const DayRangeSchema = z
  .object({ from: IsoDay, to: IsoDay, format: z.enum(['json', 'csv']).default('json') })
  .refine((v) => v.from <= v.to, { path: ['to'], error: 'The range must end on or after its start' })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 <= 366, {
    path: ['to'],
    error: 'Choose at most 367 days',
  });
export type DayRange = z.infer<typeof DayRangeSchema>;

/** YYYY-MM-DD of a Date in UTC. */
export const utcDay = (d: Date): string => d.toISOString().slice(0, 10);

/** The last `days` UTC days ending today. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const from = new Date(now.getTime() - (days - 1) * 86_400_000);
  return { from: utcDay(from), to: utcDay(now) };
}

export const CreatorApplicationSchema = z.object({
  pitch: z
    .string()
    .trim()
    .min(20, { error: 'Tell us about yourself in at least 20 characters' })
    .max(2000, { error: 'At most 2000 characters' }),
  links: z
    .array(
      z
        .string()
        .trim()
        .max(300, { error: 'At most 300 characters' })
        .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { error: 'Enter a full link starting with https://' }),
    )
    .max(5, { error: 'At most 5 links' })
    .default([]),
});
export type CreatorApplicationInput = z.infer<typeof CreatorApplicationSchema>;
