import 'server-only';
import type { RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import { env } from '@/lib/env';
import { COMMANDS } from './commands/definitions';
import { discordApplicationId } from './config';
import { DiscordRest } from './rest';

/**
 * Registers every command in definitions.ts with one bulk overwrite: guild-scoped (instant) when
 * DISCORD_GUILD_ID is set, else global. Commands no longer defined are removed by the overwrite.
 */
export async function registerCommands(
  rest: DiscordRest = new DiscordRest(),
): Promise<{ scope: string; names: string[] }> {
  const appId = discordApplicationId();
  const guildId = env().raw.DISCORD_GUILD_ID;
  const path = guildId
    ? `/applications/${appId}/guilds/${guildId}/commands`
    : `/applications/${appId}/commands`;
  const result = await rest.request<RESTPutAPIApplicationCommandsResult>('PUT', path, { body: COMMANDS });
  return { scope: guildId ? `guild ${guildId}` : 'global', names: result.map((c) => c.name) };
}
