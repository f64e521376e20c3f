import { route } from '@/lib/http/route';
import { giftCatalog } from '@/lib/streams/pay';

export const dynamic = 'force-dynamic';

/** The gift catalog (names and token prices). */
export const GET = route({ auth: 'optional' }, async ({ viewer }) => ({
  gifts: await giftCatalog(viewer?.claims ?? null),
}));
