import { setAiCycleDay } from '@/lib/admin/ai-costs';
import { AiCycleDaySchema } from '@/lib/admin/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Admin only: the day of the month (UTC) the AI billing cycle starts (audit-logged). */
export const POST = route({ auth: ['admin'], body: AiCycleDaySchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { startDay: await setAiCycleDay(viewer.claims, body.startDay, body.reason) };
});
