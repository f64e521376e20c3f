import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

/** Every command the bot registers (npm run discord:register). One handler file per command beside it. */

const STAFF_ONLY = String(PermissionFlagsBits.ManageMessages);
const GUILD_ONLY = [InteractionContextType.Guild];

export const COMMANDS: RESTPostAPIApplicationCommandsJSONBody[] = [
  {
    name: 'link',
    type: ApplicationCommandType.ChatInput,
    description: 'Get a one-time code to link your Discord account to your CommunityOS profile',
    contexts: GUILD_ONLY,
  },
  {
    name: 'ticket',
    type: ApplicationCommandType.ChatInput,
    description: 'Support tickets',
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'open',
        description: 'Open a private ticket with staff',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'close',
        description: 'Resolve the ticket of this channel',
      },
    ],
  },
];

export const COMMAND_NAMES = COMMANDS.map((c) => c.name);
export { STAFF_ONLY };
