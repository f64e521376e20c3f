import 'server-only';
import { type APIInteraction, InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { serviceQuery } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { logError } from '@/lib/log/log';
import { COMMAND_HANDLERS, COMPONENT_HANDLERS } from './commands';
import { interactionName, invokerOf } from './interaction';
import { ephemeral, type InteractionOutcome, PAUSED_MESSAGE } from './reply';

export type BeginState = 'new' | 'duplicate' | 'paused';

/**
 * Pause check, at-most-once claim of the interaction id and member upsert (incl. whether they manage the
 * guild, which connecting it to the dashboard requires): one statement, one round trip.
 */
async function begin(i: APIInteraction): Promise<BeginState> {
  const who = invokerOf(i);
  const r = await serviceQuery<{ state: BeginState }>(
    'select discord.begin_interaction($1, $2, $3, $4, $5, $6, $7, $8) as state',
    [
      i.id,
      i.type,
      i.guild_id ?? null,
      who?.id ?? null,
      interactionName(i),
      who?.username ?? null,
      who?.joinedAt ?? null,
      who?.managesGuild ?? null,
    ],
  );
  return r.rows[0]?.state ?? 'duplicate';
}

function handlerFor(i: APIInteraction) {
  const name = interactionName(i);
  if (!name) return undefined;
  if (i.type === InteractionType.ApplicationCommand) return COMMAND_HANDLERS[name];
  const prefix = name.split(':')[0] ?? '';
  return COMPONENT_HANDLERS[prefix];
}

/**
 * Every verified interaction comes here. PING → PONG; otherwise the kill switch and the at-most-once
 * claim run first, then the handler. Discord always gets a 200 with a message: failures are told
 * ephemerally (and logged when they are ours).
 */
export async function handleInteraction(i: APIInteraction, requestId: string): Promise<InteractionOutcome> {
  if (i.type === InteractionType.Ping) return { response: { type: InteractionResponseType.Pong } };
  const state = await begin(i);
  if (state === 'paused') return ephemeral(PAUSED_MESSAGE);
  if (state === 'duplicate') return ephemeral('This interaction was already handled.');
  if (i.type === InteractionType.ApplicationCommandAutocomplete) {
    return {
      response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } },
    };
  }
  const handler = handlerFor(i);
  if (!handler) return ephemeral(`Unknown command "${interactionName(i) ?? '?'}". It may have been removed.`);
  try {
    return await handler(i, requestId);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) return ephemeral(err.message);
    const pg = err as { code?: unknown; message?: unknown };
    if (typeof pg?.code === 'string' && pg.code.startsWith('CO')) return ephemeral(String(pg.message));
    await logError('discord interaction', err, { interactionId: i.id, name: interactionName(i) }, requestId);
    return ephemeral('Something went wrong on our side. It has been logged; please try again.');
  }
}
