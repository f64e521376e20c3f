import { authProvider } from '@/lib/auth/provider';
import { SignUpSchema } from '@/lib/auth/schemas';
import { sendEmail } from '@/lib/email/send-email';
import { appBaseUrl, welcomeEmail } from '@/lib/email/templates';
import { env } from '@/lib/env';
import { route } from '@/lib/http/route';
import { logError } from '@/lib/log/log';

export const POST = route(
  {
    auth: 'none',
    body: SignUpSchema,
    rateLimit: [
      {
        name: 'signup:ip',
        key: ({ ip }) => ip,
        max: () => Number(env().raw.SIGNUP_LIMIT_PER_IP_HOUR ?? 10),
        windowMs: 60 * 60 * 1000,
      },
    ],
  },
  async ({ body, ip, req, requestId }) => {
    const result = await authProvider().signUp(body, { ip, userAgent: req.headers.get('user-agent') });
    // The account exists whatever happens to the email; a failed send is logged, not surfaced.
    await sendEmail(
      welcomeEmail({
        to: body.email,
        displayName: body.displayName,
        username: body.username,
        baseUrl: appBaseUrl(req.url),
      }),
    ).catch((err) => logError('email welcome', err, { userId: result.userId }, requestId));
    return { userId: result.userId, needsConfirmation: result.needsConfirmation };
  },
);
