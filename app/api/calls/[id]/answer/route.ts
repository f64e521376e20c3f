import type { z } from 'zod';
import { answerCall } from '@/lib/calls/actions';
import { AnswerCallSchema, parseId } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The creator accepts or declines a ringing request (409 once it expired or was answered). */
export const POST = route<z.infer<typeof AnswerCallSchema>, undefined, { id: string }>(
  { auth: 'user', body: AnswerCallSchema },
  async ({ viewer, body, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { call: await answerCall(viewer.claims, parseId(params), body.accept) };
  },
);
