import { authProvider } from '@/lib/auth/provider';
import { SignInSchema } from '@/lib/auth/schemas';
import { route } from '@/lib/http/route';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export const POST = route(
  {
    auth: 'none',
    body: SignInSchema,
    rateLimit: [
      { name: 'signin:ip', key: ({ ip }) => ip, max: 30, windowMs: FIFTEEN_MINUTES },
      { name: 'signin:email', key: ({ body }) => body.email, max: 10, windowMs: FIFTEEN_MINUTES },
    ],
  },
  async ({ body, ip, req }) => {
    const { userId } = await authProvider().signIn(body, { ip, userAgent: req.headers.get('user-agent') });
    return { userId };
  },
);
