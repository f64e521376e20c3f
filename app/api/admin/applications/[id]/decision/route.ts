import { z } from 'zod';
import { decideApplication } from '@/lib/admin/creator-applications';
import { DecideApplicationSchema } from '@/lib/admin/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Params = z.object({ id: z.uuid({ error: 'Not an application id' }) });

/** Admin only: approve (the applicant becomes a creator) or reject, with a reason; the applicant is emailed. */
export const POST = route<z.infer<typeof DecideApplicationSchema>, undefined, { id: string }>(
  { auth: ['admin'], body: DecideApplicationSchema },
  async ({ viewer, body, params, req, requestId }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const { id } = Params.parse(params);
    return decideApplication(viewer.claims, id, body.decision === 'approve', body.reason, req.url, requestId);
  },
);
