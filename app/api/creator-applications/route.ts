import { myLatestApplication, submitCreatorApplication } from '@/lib/admin/creator-applications';
import { CreatorApplicationSchema } from '@/lib/admin/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The signed-in user's latest creator application (GET) and applying (POST, fans only). */
export const GET = route({ auth: 'user' }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { application: await myLatestApplication(viewer.claims) };
});

export const POST = route(
  {
    auth: 'user',
    body: CreatorApplicationSchema,
    rateLimit: [{ name: 'creator-application', key: ({ ip }) => ip, max: 10, windowMs: 60 * 60 * 1000 }],
  },
  async ({ viewer, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { application: await submitCreatorApplication(viewer.claims, body) };
  },
);
