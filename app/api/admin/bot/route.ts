import { setBotPausedAsAdmin } from '@/lib/admin/panic';
import { BotPauseSchema } from '@/lib/admin/schemas';
import { botState } from '@/lib/discord/bot-state';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Admin only: the Discord bot's kill switch. */
export const GET = route({ auth: ['admin'] }, async () => ({ bot: await botState() }));

export const POST = route({ auth: ['admin'], body: BotPauseSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  await setBotPausedAsAdmin(viewer.claims, body.paused, body.reason);
  return { bot: await botState() };
});
