import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { markConversationRead } from '@/lib/messages/read-state';

export const dynamic = 'force-dynamic';

/** Marks the caller's received messages in this conversation read (the sender sees the receipt live). */
export const POST = route({ auth: 'user' }, async ({ viewer, params }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  const id = z.uuid().safeParse((params as { id?: string }).id);
  if (!id.success) throw new AppError('NOT_FOUND', 'Conversation not found');
  return markConversationRead(viewer.claims, id.data);
});
