import 'server-only';
import {
  type APIInteraction,
  type APIModalSubmitInteraction,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  TextInputStyle,
} from 'discord-api-types/v10';
import { guildSettings } from '../guild-settings';
import { invokerOf, isStaff, subcommandOf } from '../interaction';
import { deferred, ephemeral, type InteractionOutcome, publicMessage } from '../reply';
import { discordRest } from '../rest';
import { createTicketChannel } from '../tickets/create-channel';
import {
  openTicket,
  openTicketCount,
  STATE_LABEL,
  setTicketChannel,
  type TicketAction,
  ticketByChannel,
  ticketLabel,
  transitionTicket,
} from '../tickets/tickets';

/**
 * /ticket open → modal (subject, description) → ticket row now (the limit is enforced in SQL), private
 * channel over Discord REST after the deferred answer. /ticket close resolves the ticket of the channel
 * it runs in. The Claim / Resolve / Reopen buttons run the same SQL state machine.
 */

const limitMessage = (n: number) =>
  `You already have ${n} open ticket${n === 1 ? '' : 's'}, the most allowed here. Resolve one before opening another.`;

export async function ticketCommand(i: APIInteraction): Promise<InteractionOutcome> {
  const who = invokerOf(i);
  if (!who || !i.guild_id) return ephemeral('Tickets work inside the server.');
  const sub = subcommandOf(i);
  if (sub === 'open') {
    const settings = await guildSettings(i.guild_id);
    const open = await openTicketCount(i.guild_id, who.id);
    if (open >= settings.max_open_tickets) return ephemeral(limitMessage(open));
    return {
      response: {
        type: InteractionResponseType.Modal,
        data: {
          custom_id: 'ticket:open',
          title: 'Open a ticket',
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.TextInput,
                  custom_id: 'subject',
                  label: 'Subject',
                  style: TextInputStyle.Short,
                  min_length: 1,
                  max_length: 100,
                  required: true,
                },
              ],
            },
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.TextInput,
                  custom_id: 'description',
                  label: 'Description',
                  style: TextInputStyle.Paragraph,
                  max_length: 2000,
                  required: true,
                },
              ],
            },
          ],
        },
      },
    };
  }
  if (sub === 'close') {
    if (!i.channel?.id && !('channel_id' in i))
      return ephemeral('Run /ticket close inside a ticket channel.');
    const channelId = i.channel?.id ?? (i as { channel_id?: string }).channel_id ?? '';
    const ticket = await ticketByChannel(channelId);
    if (!ticket) return ephemeral('This is not a ticket channel. Run /ticket close inside the ticket.');
    const settings = await guildSettings(i.guild_id);
    const t = await transitionTicket(ticket.id, 'close', who.id, isStaff(i, settings.staff_role_id));
    return publicMessage(`Ticket ${ticketLabel(t)} closed by <@${who.id}>: ${STATE_LABEL[t.state]}.`);
  }
  return ephemeral('Use /ticket open or /ticket close.');
}

function fieldValue(i: APIModalSubmitInteraction, id: string): string {
  for (const row of i.data.components) {
    if (row.type !== ComponentType.ActionRow) continue;
    for (const c of row.components) if (c.custom_id === id) return c.value;
  }
  return '';
}

/** custom_id "ticket:open" (modal) or "ticket:<action>:<ticketId>" (buttons). */
export async function ticketComponent(i: APIInteraction): Promise<InteractionOutcome> {
  const who = invokerOf(i);
  if (!who || !i.guild_id) return ephemeral('Tickets work inside the server.');
  const guildId = i.guild_id;
  if (i.type === InteractionType.ModalSubmit && i.data.custom_id === 'ticket:open') {
    const subject = fieldValue(i, 'subject').trim();
    const description = fieldValue(i, 'description').trim();
    if (!subject) return ephemeral('A ticket needs a subject.');
    const ticket = await openTicket(guildId, who.id, subject, description);
    return deferred(i, true, async () => {
      const settings = await guildSettings(guildId);
      try {
        const { channelId, categoryId } = await createTicketChannel(
          discordRest(),
          settings,
          ticket,
          i.application_id,
        );
        await setTicketChannel(ticket.id, channelId, categoryId);
        return { content: `Your ticket ${ticketLabel(ticket)} is open: <#${channelId}>` };
      } catch (err) {
        // Without a channel the ticket cannot be worked on: resolve it so it does not count against the limit.
        await transitionTicket(ticket.id, 'close', who.id, false).catch(() => {});
        throw err;
      }
    });
  }
  if (i.type !== InteractionType.MessageComponent) return ephemeral('Unknown ticket action.');
  const [, action, idText] = i.data.custom_id.split(':');
  const ticketId = Number(idText);
  if (!['claim', 'resolve', 'reopen'].includes(action ?? '') || !Number.isSafeInteger(ticketId)) {
    return ephemeral('Unknown ticket action.');
  }
  const settings = await guildSettings(guildId);
  const t = await transitionTicket(
    ticketId,
    action as TicketAction,
    who.id,
    isStaff(i, settings.staff_role_id),
  );
  const verb = action === 'claim' ? 'claimed' : action === 'resolve' ? 'resolved' : 'reopened';
  return publicMessage(`Ticket ${ticketLabel(t)} ${verb} by <@${who.id}>: ${STATE_LABEL[t.state]}.`);
}
