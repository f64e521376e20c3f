import { setListing } from '@/lib/discovery/discover';
import { ListingSchema } from '@/lib/discovery/schemas';
import { route } from '@/lib/http/route';

/** The creator's category in the directory. */
export const PUT = route({ auth: ['creator'], body: ListingSchema }, async ({ viewer, body }) => {
  if (!viewer) return null;
  await setListing(viewer.claims, body.category);
  return { category: body.category };
});
