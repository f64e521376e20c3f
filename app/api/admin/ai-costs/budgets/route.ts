import { setAiBudget } from '@/lib/admin/ai-costs';
import { AiBudgetSchema } from '@/lib/admin/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Admin only: a guild's AI budget and hard limit (audit-logged with before/after). */
export const POST = route({ auth: ['admin'], body: AiBudgetSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { budget: await setAiBudget(viewer.claims, body) };
});
