import { z } from 'zod';
import { route } from '@/lib/http/route';
import { listCreators } from '@/lib/profiles/public-profiles';

const Query = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(12),
  q: z.string().trim().max(60).optional(),
});

export const GET = route({ auth: 'none', query: Query }, async ({ query }) => listCreators(query));
