import { z } from 'zod';

/** One schema per dashboard resource, shared by the forms, the route handlers and the lib functions. */

export const GuildId = z
  .string({ error: 'Guild id is required' })
  .trim()
  .regex(/^[0-9]{5,25}$/, { error: 'A Discord guild id is a number of 5 to 25 digits' });

export const IsoDay = z
  .string({ error: 'Date is required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2026-11-23' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      error: 'Not a real date',
    },
  );

export const Timezone = z
  .string({ error: 'Timezone is required' })
  .trim()
  .min(1, { error: 'Timezone is required' })
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return tz.includes('/') || tz === 'UTC';
      } catch {
        return false;
      }
    },
    { error: 'Use an IANA timezone such as Europe/Paris' },
  );

export const GuildName = z
  .string({ error: 'Name is required' })
  .trim()
  .min(1, { error: 'Name is required' })
  .max(100, { error: 'Use at most 100 characters' });

export const ConnectGuildSchema = z.object({
  guildId: GuildId,
  name: GuildName,
  timezone: Timezone.default('UTC'),
  ownerUsername: z.string().trim().toLowerCase().max(30).optional(),
});

export const UpdateGuildSchema = z.object({ name: GuildName, timezone: Timezone });

export const AssignStaffSchema = z.object({
  username: z
    .string({ error: 'Username is required' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_]{3,30}$/, { error: 'Enter a username (3–30 characters)' }),
});

export const CampaignSchema = z
  .object({
    name: z
      .string({ error: 'Name is required' })
      .trim()
      .min(1, { error: 'Name is required' })
      .max(80, { error: 'Use at most 80 characters' }),
    startsOn: IsoDay,
    endsOn: IsoDay,
  })
  .refine((c) => c.endsOn >= c.startsOn, { error: 'The end is before the start', path: ['endsOn'] })
  .refine((c) => (Date.parse(c.endsOn) - Date.parse(c.startsOn)) / 86_400_000 <= 365, {
    error: 'A campaign lasts at most 366 days',
    path: ['endsOn'],
  });

/** The filters every dashboard list and CSV export takes (the page's query string). */
export const RangeQuery = z
  .object({
    from: IsoDay.optional(),
    to: IsoDay.optional(),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { error: 'The end is before the start', path: ['to'] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 365, {
    error: 'Choose a range of at most 366 days',
    path: ['to'],
  });

export const RisingOrder = z.enum(['absolute', 'percent']);
export const TicketState = z.enum(['open', 'in_progress', 'resolved']);

export type ConnectGuildInput = z.infer<typeof ConnectGuildSchema>;
export type CampaignInput = z.infer<typeof CampaignSchema>;
