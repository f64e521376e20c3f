import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { unsendMessage } from '@/lib/messages/ppv';

export const dynamic = 'force-dynamic';

/** The sender withdraws a pay-per-view message; a recipient who already paid keeps it. */
export const POST = route({ auth: 'user' }, async ({ viewer, params }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  const id = z.uuid().safeParse((params as { id?: string }).id);
  if (!id.success) throw new AppError('NOT_FOUND', 'Message not found');
  return unsendMessage(viewer.claims, id.data);
});
