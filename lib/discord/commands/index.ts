import 'server-only';
import type { APIInteraction } from 'discord-api-types/v10';
import type { InteractionOutcome } from '../reply';
import { auditCommand, auditMessageCommand } from './audit';
import { leaderboardCommand } from './leaderboard';
import { linkCommand } from './link';
import { scoreCommand } from './score';
import { ticketCommand, ticketComponent } from './ticket';

export type CommandHandler = (i: APIInteraction, requestId: string) => Promise<InteractionOutcome>;

/** Slash and context-menu commands by name (definitions.ts), buttons and modals by custom_id prefix. */
export const COMMAND_HANDLERS: Record<string, CommandHandler> = {
  link: linkCommand,
  score: scoreCommand,
  leaderboard: leaderboardCommand,
  ticket: ticketCommand,
  audit: auditCommand,
  'Audit message': auditMessageCommand,
};

export const COMPONENT_HANDLERS: Record<string, CommandHandler> = {
  ticket: ticketComponent,
};
