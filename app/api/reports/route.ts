import { rateLimiter } from '@/lib/adapters/rate-limit';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { ReportSchema } from '@/lib/reports/schemas';
import { submitReport } from '@/lib/reports/submit-report';

/** A signed-in user reports a profile; an admin reviews it in the moderation queue. Rate-limited. */
export const POST = route(
  {
    auth: 'user',
    body: ReportSchema,
    rateLimit: [
      {
        name: 'report:ip',
        key: ({ ip }) => ip,
        max: 10,
        windowMs: 60 * 60 * 1000,
        message: 'Too many reports from this network. Try again later.',
      },
    ],
  },
  async ({ viewer, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const r = await (await rateLimiter()).limit(`report:user:${viewer.profile.id}`, 5, 60 * 60 * 1000);
    if (!r.success) {
      const seconds = Math.ceil(r.retryAfterMs / 1000);
      throw new AppError(
        'RATE_LIMITED',
        `You have sent several reports recently. Try again in ${Math.ceil(seconds / 60)} minutes.`,
        { retryAfterSeconds: seconds },
        { 'retry-after': String(seconds) },
      );
    }
    return { report: await submitReport(viewer.claims, body) };
  },
);
