import { redeemLinkCode, unlinkDiscord } from '@/lib/discord/link';
import { LinkCodeSchema } from '@/lib/discord/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The profile page redeems a /link code (POST) or removes the link (DELETE). */
export const POST = route(
  {
    auth: 'user',
    body: LinkCodeSchema,
    rateLimit: [{ name: 'discord-link', key: ({ ip }) => ip, max: 10, windowMs: 10 * 60 * 1000 }],
  },
  async ({ viewer, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { link: await redeemLinkCode(viewer.claims, body.code) };
  },
);

export const DELETE = route({ auth: 'user' }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { unlinked: await unlinkDiscord(viewer.claims) };
});
