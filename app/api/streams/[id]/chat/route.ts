import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { listChat, postChat } from '@/lib/streams/chat';
import { requireViewable } from '@/lib/streams/read-stream';
import { ChatSchema, parseStreamId } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

/** The latest 50 chat messages (allowed viewers). */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const id = parseStreamId(params);
    await requireViewable(viewer.claims, id);
    return { messages: await listChat(viewer.claims, id) };
  },
);

/** Sends a chat message: 1–300 characters (422), rate limited per user (429), muted viewers 403. */
export const POST = route<{ body: string }, undefined, { id: string }>(
  { auth: 'user', body: ChatSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { message: await postChat(viewer.claims, parseStreamId(params), body.body) };
  },
);
