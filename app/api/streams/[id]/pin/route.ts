import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { pinnedProduct, setStreamPin } from '@/lib/streams/pin';
import { requireViewable } from '@/lib/streams/read-stream';
import { parseStreamId, StreamPinSchema } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

/** The product pinned on the stream (null when none, the stream ended, or the product was turned off). */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const id = parseStreamId(params);
    await requireViewable(viewer.claims, id);
    return { pinned: await pinnedProduct(viewer.claims, id) };
  },
);

/** The creator pins one of their active products while live (anyone else → 403, ended stream → 409). */
export const PUT = route<{ productId: string }, undefined, { id: string }>(
  {
    auth: 'user',
    body: StreamPinSchema,
    rateLimit: [{ name: 'stream-pin', key: ({ ip }) => ip, max: 60, windowMs: 60_000 }],
  },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return setStreamPin(viewer.claims, parseStreamId(params), body.productId);
  },
);

/** The creator unpins (a no-op when nothing is pinned). */
export const DELETE = route<undefined, undefined, { id: string }>(
  { auth: 'user', rateLimit: [{ name: 'stream-pin', key: ({ ip }) => ip, max: 60, windowMs: 60_000 }] },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return setStreamPin(viewer.claims, parseStreamId(params), null);
  },
);
