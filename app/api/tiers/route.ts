import { z } from 'zod';
import { route } from '@/lib/http/route';
import { TierSchema } from '@/lib/subscriptions/schemas';
import { listTiers, saveTier } from '@/lib/subscriptions/tiers';

/** GET: a creator's tiers (anyone; the creator also sees inactive ones). POST: create or update one of yours. */
export const GET = route(
  { auth: 'optional', query: z.object({ creatorId: z.uuid() }) },
  async ({ viewer, query }) => ({ tiers: await listTiers(query.creatorId, viewer?.claims ?? null) }),
);

export const POST = route({ auth: ['creator'], body: TierSchema }, async ({ viewer, body }) => {
  if (!viewer) return null;
  return saveTier(viewer.claims, body);
});
