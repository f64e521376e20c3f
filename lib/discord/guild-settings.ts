import 'server-only';
import { asService } from '@/lib/db/tx';

export interface GuildSettings {
  guild_id: string;
  staff_role_id: string | null;
  ticket_category_id: string | null;
  max_open_tickets: number;
  weight_messages: string;
  weight_reactions: string;
  ai_monthly_budget_usd: string;
  ai_hard_limit_usd: string;
}

/** A guild's settings (the defaults when the guild has no row yet). */
export async function guildSettings(guildId: string): Promise<GuildSettings> {
  return asService(async (db) => {
    await db.query(
      'insert into discord.guild_settings (guild_id) values ($1) on conflict (guild_id) do nothing',
      [guildId],
    );
    const r = await db.query<GuildSettings>(
      `select guild_id, staff_role_id, ticket_category_id, max_open_tickets, weight_messages::text,
              weight_reactions::text, ai_monthly_budget_usd::text, ai_hard_limit_usd::text
         from discord.guild_settings where guild_id = $1`,
      [guildId],
    );
    return r.rows[0] as GuildSettings;
  });
}
