import { requestCall } from '@/lib/calls/actions';
import { listCalls } from '@/lib/calls/history';
import { CallsQuerySchema, RequestCallSchema } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** A fan asks a creator for an instant call (or starts a booked one). The creator's page rings live. */
export const POST = route(
  {
    auth: 'user',
    body: RequestCallSchema,
    rateLimit: [{ name: 'call-requests', key: ({ ip }) => ip, max: 20, windowMs: 60_000 }],
  },
  async ({ viewer, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { call: await requestCall(viewer.claims, body) };
  },
);

/** The signed-in user's calls, newest first. */
export const GET = route({ auth: 'user', query: CallsQuerySchema }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return listCalls(viewer.claims, query);
});
