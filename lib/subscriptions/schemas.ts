import { z } from 'zod';

/** One zod schema per resource, shared by forms and routes. */

const snowflake = z
  .string()
  .trim()
  .regex(/^[0-9]{5,25}$/, { error: 'A Discord id is 5 to 25 digits (right-click → Copy ID)' });

export const TierSchema = z
  .object({
    id: z.uuid().optional(),
    level: z.int().min(1, { error: 'Level is 1 to 5' }).max(5, { error: 'Level is 1 to 5' }),
    name: z
      .string()
      .trim()
      .min(1, { error: 'Give the tier a name' })
      .max(60, { error: 'At most 60 characters' }),
    price: z
      .int({ error: 'Price is a whole number of tokens' })
      .min(1, { error: 'At least 1 token' })
      .max(100000, { error: 'At most 100,000 tokens' }),
    perks: z.string().max(1000, { error: 'At most 1,000 characters' }).default(''),
    memberCap: z.int().min(1).max(1_000_000).nullable().default(null),
    active: z.boolean().default(true),
    discordGuildId: snowflake.nullable().default(null),
    discordRoleId: snowflake.nullable().default(null),
  })
  .refine((t) => (t.discordGuildId === null) === (t.discordRoleId === null), {
    error: 'Give both the server id and the role id, or neither',
    path: ['discordRoleId'],
  });
export type TierInput = z.infer<typeof TierSchema>;

export const SubscribeSchema = z.object({ tierId: z.uuid({ error: 'Pick a tier' }) });

export const RefundSchema = z.object({
  reason: z.string().trim().min(3, { error: 'Give a reason (3 to 500 characters)' }).max(500),
});

export const PostSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, { error: 'Give the post a title' })
    .max(120, { error: 'At most 120 characters' }),
  body: z
    .string()
    .trim()
    .min(1, { error: 'Write something' })
    .max(5000, { error: 'At most 5,000 characters' }),
  mediaUrl: z
    .url({ protocol: /^https?$/, error: 'A media link starts with http:// or https://' })
    .max(500)
    .nullable()
    .default(null),
  requiredLevel: z.int().min(1).max(5).nullable().default(null),
});
export type PostInput = z.infer<typeof PostSchema>;

export const FeedQuery = z.object({
  creatorId: z.uuid(),
  page: z.coerce.number().int().min(1).default(1),
});

export const SubscribersQuery = z.object({
  status: z.enum(['active', 'grace', 'expired', 'refunded']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  format: z.enum(['json', 'csv']).default('json'),
});
