import { z } from 'zod';

/** One zod schema per messaging input, shared by routes and forms. */

export const StartConversationSchema = z.object({ userId: z.uuid({ error: 'Pick a user to message' }) });

export const SendMessageSchema = z
  .object({
    kind: z.enum(['text', 'media', 'tip', 'ppv'], { error: 'Unknown message kind' }),
    body: z.string().max(2000, { error: 'A message is at most 2000 characters' }).default(''),
    uploadId: z.uuid({ error: 'Upload a file first' }).optional(),
    amount: z.number().int({ error: 'Whole tokens only' }).min(1).max(100000).optional(),
    clientKey: z.string().min(8).max(100),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'text' && !v.body.trim())
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'Write a message first' });
    if ((v.kind === 'media' || v.kind === 'ppv') && !v.uploadId)
      ctx.addIssue({ code: 'custom', path: ['uploadId'], message: 'Attach a photo or video' });
    if ((v.kind === 'tip' || v.kind === 'ppv') && v.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter a number of tokens' });
  });
export type SendMessageInput = z.infer<typeof SendMessageSchema>;

export const MessagesQuery = z.object({
  beforeAt: z.iso.datetime({ offset: true, error: 'beforeAt must be an ISO date-time' }).optional(),
  beforeId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ConversationsQuery = z.object({
  before: z.iso.datetime({ offset: true, error: 'before must be an ISO date-time' }).optional(),
  beforeId: z.uuid({ error: 'beforeId must be a conversation id' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const TypingSchema = z.object({ typing: z.boolean() });

export const BlockSchema = z.object({ userId: z.uuid(), blocked: z.boolean() });

export const MessagePriceSchema = z.object({
  price: z
    .number({ error: 'Enter a price in tokens' })
    .int({ error: 'Whole tokens only' })
    .min(0, { error: 'The price cannot be negative' })
    .max(10000, { error: 'At most 10000 tokens' }),
});
