import { route } from '@/lib/http/route';
import { setAutoWeekly } from '@/lib/payouts/payouts';
import { AutoWeeklySchema } from '@/lib/payouts/schemas';

/** Turns automatic weekly payouts on or off. */
export const PUT = route({ auth: ['creator'], body: AutoWeeklySchema }, async ({ viewer, body }) => {
  if (!viewer) return null;
  await setAutoWeekly(viewer.claims, body.enabled);
  return { autoWeekly: body.enabled };
});
