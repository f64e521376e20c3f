import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { setVodUrl } from '@/lib/streams/go-live';
import { parseStreamId, VodSchema } from '@/lib/streams/schemas';

/** The creator stores (or clears with null) the recording URL. Agora cloud recording is not wired. */
export const PUT = route<{ url: string | null }, undefined, { id: string }>(
  { auth: 'user', body: VodSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { stream: await setVodUrl(viewer.claims, parseStreamId(params), body.url) };
  },
);
