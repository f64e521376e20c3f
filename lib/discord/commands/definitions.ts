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
    name: 'score',
    type: ApplicationCommandType.ChatInput,
    description: 'Community Score, rank and 7-day trend',
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.User,
        name: 'member',
        description: 'Whose score (default: yours)',
      },
    ],
  },
  {
    name: 'leaderboard',
    type: ApplicationCommandType.ChatInput,
    description: 'Top 10 members by Community Score',
    contexts: GUILD_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'period',
        description: 'week (default), month or all time',
        choices: [
          { name: 'week', value: 'week' },
          { name: 'month', value: 'month' },
          { name: 'all', value: 'all' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'ago',
        description: 'How many weeks/months back (past boards as they ended)',
        min_value: 0,
        max_value: 104,
      },
    ],
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
  {
    name: 'audit',
    type: ApplicationCommandType.ChatInput,
    description: 'Staff: check a member’s recent messages for moderation categories (no automatic action)',
    contexts: GUILD_ONLY,
    default_member_permissions: STAFF_ONLY,
    options: [
      {
        type: ApplicationCommandOptionType.User,
        name: 'member',
        description: 'Whose messages',
        required: true,
      },
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'limit',
        description: 'How many recent messages (default 10, at most 50)',
        min_value: 1,
        max_value: 50,
      },
    ],
  },
  {
    name: 'Audit message',
    type: ApplicationCommandType.Message,
    contexts: GUILD_ONLY,
    default_member_permissions: STAFF_ONLY,
  },
];

export const COMMAND_NAMES = COMMANDS.map((c) => c.name);
