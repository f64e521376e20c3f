/**
 * npm run discord:register — registers the commands of lib/discord/commands/definitions.ts with Discord
 * (guild-scoped when DISCORD_GUILD_ID is set, else global), using DISCORD_BOT_TOKEN.
 */
import { registerCommands } from '@/lib/discord/register-commands';

registerCommands()
  .then(({ scope, names }) => {
    console.log(`Registered ${names.length} command(s) (${scope}): ${names.join(', ')}`);
  })
  .catch((err: Error) => {
    console.error(`discord:register failed: ${err.message}`);
    process.exitCode = 1;
  });
