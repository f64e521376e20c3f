import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { myStreams } from '@/lib/streams/discovery';
import { ListQuerySchema } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

/** The creator's own streams, newest first (paginated). */
export const GET = route({ auth: ['creator'], query: ListQuerySchema }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return myStreams(viewer.claims, query.page, query.pageSize);
});
