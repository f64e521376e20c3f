import { z } from 'zod';

/** The code a member types on the profile page (from /link in Discord). */
export const LinkCodeSchema = z.object({
  code: z
    .string({ error: 'Enter the code from /link' })
    .trim()
    .refine((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, '').length === 8, {
      error: 'The code has 8 letters and digits, like ABCD-EFGH',
    }),
});
export type LinkCodeInput = z.infer<typeof LinkCodeSchema>;

const snowflake = z.string().regex(/^\d{1,20}$/, { error: 'Expected a Discord id' });
const isoTime = z.iso.datetime({ offset: true });

/** One batch from the optional gateway relay (POST /api/discord/events). */
export const RelayBatchSchema = z.object({
  events: z
    .array(
      z.discriminatedUnion('type', [
        z.object({
          id: z.string().min(1).max(200),
          type: z.literal('message_create'),
          guild_id: snowflake,
          channel_id: snowflake,
          message: z.object({
            id: snowflake,
            author: z.object({
              id: snowflake,
              username: z.string().min(1).max(100),
              bot: z.boolean().optional(),
            }),
            content: z.string().max(4000).default(''),
            timestamp: isoTime,
          }),
        }),
        z.object({
          id: z.string().min(1).max(200),
          type: z.literal('reaction_add'),
          guild_id: snowflake,
          channel_id: snowflake,
          message_id: snowflake,
          user_id: snowflake,
          emoji: z.object({ id: snowflake.nullable().optional(), name: z.string().max(100).nullable() }),
          at: isoTime,
        }),
        z.object({
          id: z.string().min(1).max(200),
          type: z.literal('member_join'),
          guild_id: snowflake,
          user: z.object({ id: snowflake, username: z.string().min(1).max(100) }),
          joined_at: isoTime,
        }),
      ]),
    )
    .min(1)
    .max(500),
});
export type RelayBatch = z.infer<typeof RelayBatchSchema>;
export type RelayEvent = RelayBatch['events'][number];
