import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { ShippingSchema } from '@/lib/shop/schemas';

/** One zod schema per stream input, shared by the forms and the routes. */

export const STREAM_CATEGORIES = {
  just_chatting: 'Just chatting',
  music: 'Music',
  art: 'Art',
  gaming: 'Gaming',
  fitness: 'Fitness',
  education: 'Education',
  other: 'Other',
} as const;
export type StreamCategory = keyof typeof STREAM_CATEGORIES;

export const CHAT_MAX = 300;
export const TITLE_MAX = 120;
/** Chat rate limit per user and stream (the route enforces it with the rate-limit adapter). */
export const CHAT_LIMIT = { max: 5, windowMs: 10_000 } as const;

export const StartStreamSchema = z.object({
  title: z
    .string({ error: 'Enter a title' })
    .trim()
    .min(1, { error: 'Enter a title' })
    .max(TITLE_MAX, { error: `At most ${TITLE_MAX} characters` }),
  category: z.enum(Object.keys(STREAM_CATEGORIES) as [StreamCategory, ...StreamCategory[]], {
    error: 'Choose a category',
  }),
  subscriberOnly: z.boolean().default(false),
});
export type StartStreamInput = z.infer<typeof StartStreamSchema>;

export const ChatSchema = z.object({
  body: z
    .string({ error: 'Write a message' })
    .trim()
    .min(1, { error: 'Write a message' })
    .max(CHAT_MAX, { error: `A chat message is at most ${CHAT_MAX} characters` }),
});

const idempotencyKey = z
  .string({ error: 'idempotencyKey is required' })
  .min(8, { error: 'idempotencyKey is 8 to 255 characters' })
  .max(255, { error: 'idempotencyKey is 8 to 255 characters' });

export const StreamTipSchema = z.object({
  amount: z
    .number({ error: 'Enter a number of tokens' })
    .int({ error: 'Use whole tokens' })
    .min(1, { error: 'At least 1 token' })
    .max(100_000, { error: 'At most 100,000 tokens' }),
  message: z.string().trim().max(280, { error: 'At most 280 characters' }).optional(),
  idempotencyKey,
});

export const StreamGiftSchema = z.object({
  giftId: z.string({ error: 'Choose a gift' }).regex(/^[a-z0-9_]{1,40}$/, { error: 'Unknown gift' }),
  idempotencyKey,
});

export const MuteSchema = z.object({
  userId: z.uuid({ error: 'userId must be a user id' }),
  muted: z.boolean({ error: 'muted must be true or false' }),
  reason: z.string().trim().max(200, { error: 'At most 200 characters' }).optional(),
});

export const PresenceSchema = z.object({ present: z.boolean({ error: 'present must be true or false' }) });

export const VodSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'Enter an http(s) URL' })
    .max(2000, { error: 'At most 2000 characters' })
    .nullable(),
});

export const ListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const IdParams = z.object({ id: z.uuid({ error: 'Unknown stream' }) });
const MessageParams = z.object({ messageId: z.coerce.number().int().positive({ error: 'Unknown message' }) });

/** The [id] of a stream route, or 404 (a malformed id is simply not a stream). */
export function parseStreamId(params: unknown): string {
  const r = IdParams.safeParse(params);
  if (!r.success) throw new AppError('NOT_FOUND', 'Stream not found');
  return r.data.id;
}

export function parseMessageId(params: unknown): number {
  const r = MessageParams.safeParse(params);
  if (!r.success) throw new AppError('NOT_FOUND', 'Message not found');
  return r.data.messageId;
}

export const StreamPinSchema = z.object({
  productId: z.uuid({ error: 'Choose one of your products' }),
});

export const StreamBuySchema = z.object({
  productId: z.uuid({ error: 'Unknown product' }),
  shippingAddress: ShippingSchema.nullable().default(null),
  idempotencyKey: z.string({ error: 'idempotencyKey is required' }).min(8).max(100),
});
