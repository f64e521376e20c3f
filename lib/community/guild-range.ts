import 'server-only';
import type { Claims } from '@/lib/db/tx';
import { type DayRange, resolveRange } from './dates';
import { type Guild, getGuild } from './guilds';

/** The guild (access checked by RLS: FORBIDDEN when not visible) and the range in its timezone. */
export async function guildAndRange(
  claims: Claims,
  guildId: string,
  q: { from?: string; to?: string },
): Promise<{ guild: Guild; range: DayRange }> {
  const guild = await getGuild(claims, guildId);
  return { guild, range: resolveRange(q, guild.timezone) };
}
