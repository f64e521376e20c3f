import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { listMessages } from '@/lib/messages/list-messages';
import { MessagesQuery, SendMessageSchema } from '@/lib/messages/schemas';
import { sendMessage } from '@/lib/messages/send-message';

export const dynamic = 'force-dynamic';

const Params = z.object({ id: z.uuid({ error: 'Conversation not found' }) });
const conversationId = (p: unknown) => {
  const r = Params.safeParse(p);
  if (!r.success) throw new AppError('NOT_FOUND', 'Conversation not found');
  return r.data.id;
};

/** One page of messages, newest first; pass nextCursor back as beforeAt + beforeId for older ones. */
export const GET = route({ auth: 'user', query: MessagesQuery }, async ({ viewer, query, params }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return listMessages(viewer.claims, conversationId(params), query);
});

/**
 * Sends a message. Premium messages and tips are charged in the same transaction (402 when the wallet is
 * short, and then nothing is sent); clientKey makes a retry or double click send and charge once.
 */
export const POST = route(
  {
    auth: 'user',
    body: SendMessageSchema,
    rateLimit: [
      {
        name: 'messages.send',
        key: ({ ip }) => ip,
        max: 60,
        windowMs: 60_000,
        message: 'You are sending messages too fast. Wait a moment.',
      },
    ],
  },
  async ({ viewer, body, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return sendMessage(viewer.claims, conversationId(params), body);
  },
);
