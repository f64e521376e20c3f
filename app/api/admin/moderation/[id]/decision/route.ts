import { z } from 'zod';
import { decideModerationItem } from '@/lib/admin/moderation';
import { ModerationDecisionSchema } from '@/lib/admin/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Params = z.object({ id: z.coerce.number().int().positive({ error: 'Not an item id' }) });

/** Admin only: dismiss, warn (emailed) or ban (through the ban path) — a human decision with a reason. */
export const POST = route<z.infer<typeof ModerationDecisionSchema>, undefined, { id: string }>(
  { auth: ['admin'], body: ModerationDecisionSchema },
  async ({ viewer, body, params, req, requestId }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const { id } = Params.parse(params);
    return decideModerationItem(
      viewer.claims,
      body.source,
      String(id),
      body.decision,
      body.reason,
      req.url,
      requestId,
    );
  },
);
