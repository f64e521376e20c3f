import { route } from '@/lib/http/route';
import { SubscribeSchema } from '@/lib/subscriptions/schemas';
import { mySubscriptions, subscribe } from '@/lib/subscriptions/subscribe';

/** GET: the caller's subscriptions. POST: subscribe to a tier (charges the first month now). */
export const GET = route({ auth: 'user' }, async ({ viewer }) => ({
  subscriptions: viewer ? await mySubscriptions(viewer.claims) : [],
}));

export const POST = route(
  {
    auth: 'user',
    body: SubscribeSchema,
    rateLimit: [{ name: 'subscribe', key: ({ ip }) => ip, max: 30, windowMs: 60_000 }],
  },
  async ({ viewer, body }) => {
    if (!viewer) return null;
    return { subscription: await subscribe(viewer.claims, body.tierId) };
  },
);
