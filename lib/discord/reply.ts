import 'server-only';
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  MessageFlags,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
} from 'discord-api-types/v10';
import { logError } from '@/lib/log/log';
import { discordRest } from './rest';

/** What a handler returns: the response Discord gets now, and optional work that runs after it. */
export interface InteractionOutcome {
  response: APIInteractionResponse;
  later?: () => Promise<void>;
}

export type FollowUp = RESTPatchAPIWebhookWithTokenMessageJSONBody;
type Rows = APIActionRowComponent<APIComponentInMessageActionRow>[];

export const PAUSED_MESSAGE = 'CommunityOS is paused by an administrator';

const NO_PINGS = { parse: [] as [] };

export function ephemeral(content: string): InteractionOutcome {
  return {
    response: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: NO_PINGS },
    },
  };
}

export function publicMessage(content: string, components?: Rows): InteractionOutcome {
  return {
    response: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content, allowed_mentions: NO_PINGS, ...(components ? { components } : {}) },
    },
  };
}

/** Edits the deferred "thinking…" message through the interaction webhook (valid 15 minutes). */
export function editOriginal(applicationId: string, token: string, body: FollowUp): Promise<unknown> {
  return discordRest().request('PATCH', `/webhooks/${applicationId}/${token}/messages/@original`, {
    body: { allowed_mentions: NO_PINGS, ...body },
    auth: false,
  });
}

/**
 * A deferred response (type 5): Discord shows "thinking…" at once; `work` runs after the response is
 * sent and its result replaces that message. A failure becomes a readable follow-up, and is logged.
 */
export function deferred(
  i: APIInteraction,
  private_: boolean,
  work: () => Promise<FollowUp>,
): InteractionOutcome {
  return {
    response: {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: private_ ? { flags: MessageFlags.Ephemeral } : {},
    },
    later: async () => {
      let body: FollowUp;
      try {
        body = await work();
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code === 'string' && code.startsWith('CO')) {
          // A rule our SQL enforces (e.g. a model without a price): tell the invoker as it is.
          body = { content: String((err as Error).message) };
        } else {
          await logError('discord follow-up', err, { interactionId: i.id });
          body = { content: 'Something went wrong on our side. It has been logged; please try again.' };
        }
      }
      try {
        await editOriginal(i.application_id, i.token, body);
      } catch (err) {
        await logError('discord follow-up webhook', err, { interactionId: i.id });
      }
    },
  };
}
