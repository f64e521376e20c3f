import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { deletePost } from '@/lib/subscriptions/posts';

/** Deletes one of the caller's posts. */
export const DELETE = route<undefined, undefined, { id: string }>(
  { auth: ['creator'] },
  async ({ viewer, params }) => {
    if (!viewer) return null;
    if (!z.uuid().safeParse(params.id).success || !(await deletePost(viewer.claims, params.id))) {
      throw new AppError('NOT_FOUND', 'Post not found');
    }
    return { ok: true };
  },
);
