import { z } from 'zod';
import { saveCreator, savedCreators, unsaveCreator } from '@/lib/discovery/discover';
import { SaveCreatorSchema } from '@/lib/discovery/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The caller's saved creators: list, save (idempotent), remove. */
export const GET = route({ auth: 'user' }, async ({ viewer }) => ({
  saved: viewer ? await savedCreators(viewer.claims) : [],
}));

export const POST = route({ auth: 'user', body: SaveCreatorSchema }, async ({ viewer, body }) => {
  if (!viewer) return null;
  if (body.creatorId === viewer.profile.id)
    throw new AppError('VALIDATION_ERROR', 'You cannot save yourself');
  await saveCreator(viewer.claims, body.creatorId);
  return { saved: true };
});

export const DELETE = route(
  { auth: 'user', query: z.object({ creatorId: z.uuid() }) },
  async ({ viewer, query }) => {
    if (!viewer) return null;
    if (!(await unsaveCreator(viewer.claims, query.creatorId)))
      throw new AppError('NOT_FOUND', 'Not in your saved creators');
    return { saved: false };
  },
);
