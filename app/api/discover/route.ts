import { discoverCreators } from '@/lib/discovery/discover';
import { DiscoverQuery } from '@/lib/discovery/schemas';
import { route } from '@/lib/http/route';

/** Browse creators: full-text search, category, call price range, available now, sort, pages. */
export const GET = route({ auth: 'none', query: DiscoverQuery }, async ({ query }) =>
  discoverCreators(query),
);
