import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { deleteChat } from '@/lib/streams/chat';
import { parseMessageId } from '@/lib/streams/schemas';

/** The stream's creator deletes a chat message (recorded; anyone else → 403). */
export const DELETE = route<undefined, undefined, { id: string; messageId: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return deleteChat(viewer.claims, parseMessageId(params));
  },
);
