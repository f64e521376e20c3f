import 'server-only';
import { asService } from '@/lib/db/tx';

export interface BotState {
  paused: boolean;
  reason: string | null;
  changed_by: string | null;
  changed_at: Date;
}

/** The kill switch, read and set as the service role (the CLI); admins call the same SQL function. */
export function botState(): Promise<BotState> {
  return asService(async (db) => {
    const r = await db.query<BotState>(
      'select paused, reason, changed_by, changed_at from discord.bot_state where id',
    );
    return r.rows[0] as BotState;
  });
}

export function setBotPaused(paused: boolean, reason: string): Promise<void> {
  return asService(async (db) => {
    await db.query('select public.admin_set_bot_paused($1, $2)', [paused, reason]);
  });
}
