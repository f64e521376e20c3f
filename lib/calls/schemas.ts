import { z } from 'zod';
import { AppError } from '@/lib/http/errors';

export const CallKindSchema = z.enum(['video', 'voice'], { error: 'Choose a video or voice call' });

export const RequestCallSchema = z.object({
  creatorId: z.uuid({ error: 'creatorId must be a user id' }),
  kind: CallKindSchema,
  bookingId: z.uuid().optional(),
});

export const AnswerCallSchema = z.object({ accept: z.boolean({ error: 'accept must be true or false' }) });

export const CallIdParamsSchema = z.object({ id: z.uuid({ error: 'Unknown call' }) });

const rate = z
  .number({ error: 'Enter a number of tokens' })
  .int({ error: 'Use whole tokens' })
  .min(1, { error: 'At least 1 token per minute' })
  .max(10_000, { error: 'At most 10,000 tokens per minute' })
  .nullable();

export const CallSettingsSchema = z.object({
  videoRate: rate,
  voiceRate: rate,
  availableNow: z.boolean(),
  timezone: z.string().min(1, { error: 'Choose a time zone' }).max(64),
  slotMinutes: z.union([z.literal(15), z.literal(30), z.literal(45), z.literal(60)], {
    error: 'Slots are 15, 30, 45 or 60 minutes',
  }),
  requestTimeoutSeconds: z.number().int().min(30).max(600),
});
export type CallSettingsInput = z.infer<typeof CallSettingsSchema>;

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
export const AvailabilityWindowSchema = z
  .object({
    weekday: z.number().int().min(0).max(6),
    start: z.string().regex(hhmm, { error: 'Use HH:MM' }),
    end: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: 'Use HH:MM' }),
  })
  .refine((w) => w.end === '24:00' || w.start < w.end, {
    error: 'A window must end after it starts',
    path: ['end'],
  });

export const AvailabilitySchema = z.object({
  windows: z.array(AvailabilityWindowSchema).max(50, { error: 'At most 50 windows' }),
});

export const BookCallSchema = z.object({
  creatorId: z.uuid({ error: 'creatorId must be a user id' }),
  startsAt: z.iso.datetime({ offset: true, error: 'startsAt must be an ISO date-time' }),
  kind: CallKindSchema,
});

export const CallsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A path id that is not a uuid is an unknown call (404), not a validation error. */
export function parseId(params: { id?: string }, what = 'Call'): string {
  const r = z.uuid().safeParse(params.id);
  if (!r.success) throw new AppError('NOT_FOUND', `${what} not found`);
  return r.data;
}
