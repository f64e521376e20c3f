import { z } from 'zod';
import { dbConversationMembership } from '@/lib/adapters/realtime/access';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { publishConversation } from '@/lib/messages/events';
import { TypingSchema } from '@/lib/messages/schemas';

export const dynamic = 'force-dynamic';

/** Typing indicator: published on the conversation channel for the other window (participants only). */
export const POST = route(
  {
    auth: 'user',
    body: TypingSchema,
    rateLimit: [{ name: 'messages.typing', key: ({ ip }) => ip, max: 120, windowMs: 60_000 }],
  },
  async ({ viewer, body, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const id = z.uuid().safeParse((params as { id?: string }).id);
    if (!id.success || !(await dbConversationMembership.isMember(id.data, viewer.profile.id))) {
      throw new AppError('NOT_FOUND', 'Conversation not found');
    }
    await publishConversation(id.data, {
      name: 'typing',
      data: { userId: viewer.profile.id, typing: body.typing },
    });
    return { ok: true };
  },
);
