import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { unlockMessage } from '@/lib/messages/ppv';

export const dynamic = 'force-dynamic';

/** Unlocks a pay-per-view message (charged once however often it is called; 402 when short of tokens). */
export const POST = route({ auth: 'user' }, async ({ viewer, params }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  const id = z.uuid().safeParse((params as { id?: string }).id);
  if (!id.success) throw new AppError('NOT_FOUND', 'Message not found');
  return unlockMessage(viewer.claims, id.data);
});
