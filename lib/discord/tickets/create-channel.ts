import 'server-only';
import {
  type APIChannel,
  type APIOverwrite,
  ButtonStyle,
  ChannelType,
  ComponentType,
  OverwriteType,
  PermissionFlagsBits,
  type RESTPostAPIGuildChannelJSONBody,
} from 'discord-api-types/v10';
import { asService } from '@/lib/db/tx';
import type { GuildSettings } from '../guild-settings';
import type { DiscordRest } from '../rest';
import { type Ticket, ticketChannelName, ticketLabel } from './tickets';

/** Discord allows 50 channels in one category. */
export const CATEGORY_CAPACITY = 50;

const MEMBER_ALLOW =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AttachFiles;

/** @everyone (its role id is the guild id) denied view; opener, staff role and the bot allowed. */
export function ticketOverwrites(
  guildId: string,
  openerId: string | null,
  staffRoleId: string | null,
  botId: string,
): APIOverwrite[] {
  const allow = String(MEMBER_ALLOW);
  const out: APIOverwrite[] = [
    { id: guildId, type: OverwriteType.Role, allow: '0', deny: String(PermissionFlagsBits.ViewChannel) },
  ];
  if (openerId) out.push({ id: openerId, type: OverwriteType.Member, allow, deny: '0' });
  if (staffRoleId) out.push({ id: staffRoleId, type: OverwriteType.Role, allow, deny: '0' });
  out.push({
    id: botId,
    type: OverwriteType.Member,
    allow: String(MEMBER_ALLOW | PermissionFlagsBits.ManageChannels),
    deny: '0',
  });
  return out;
}

/**
 * The category for a new ticket channel: the configured one, else the newest overflow category with
 * room; when all are full (50 channels), a new overflow category is created and remembered.
 */
async function categoryWithRoom(
  rest: DiscordRest,
  settings: GuildSettings,
  botId: string,
): Promise<string | null> {
  const guildId = settings.guild_id;
  const overflow = await asService(async (db) => {
    const r = await db.query<{ category_id: string }>(
      'select category_id from discord.ticket_categories where guild_id = $1 order by created_at, category_id',
      [guildId],
    );
    return r.rows.map((x) => x.category_id);
  });
  const candidates = [settings.ticket_category_id, ...overflow].filter((c): c is string => Boolean(c));
  if (candidates.length === 0) return null;
  const channels = await rest.get<APIChannel[]>(`/guilds/${guildId}/channels`);
  const children = (id: string) => channels.filter((c) => 'parent_id' in c && c.parent_id === id).length;
  const existing = new Set(channels.map((c) => c.id));
  for (const id of candidates) {
    if (existing.has(id) && children(id) < CATEGORY_CAPACITY) return id;
  }
  const name = `Tickets ${overflow.length + 2}`;
  const body: RESTPostAPIGuildChannelJSONBody = {
    name,
    type: ChannelType.GuildCategory,
    permission_overwrites: ticketOverwrites(guildId, null, settings.staff_role_id, botId),
  };
  const created = await rest.request<APIChannel>('POST', `/guilds/${guildId}/channels`, {
    body,
    reason: 'Ticket category is full (50 channels)',
  });
  await asService((db) =>
    db.query('insert into discord.ticket_categories (category_id, guild_id, name) values ($1, $2, $3)', [
      created.id,
      guildId,
      name,
    ]),
  );
  return created.id;
}

export function ticketButtons(ticketId: number) {
  return [
    {
      type: ComponentType.ActionRow as const,
      components: [
        {
          type: ComponentType.Button as const,
          style: ButtonStyle.Primary,
          label: 'Claim',
          custom_id: `ticket:claim:${ticketId}`,
        },
        {
          type: ComponentType.Button as const,
          style: ButtonStyle.Success,
          label: 'Resolve',
          custom_id: `ticket:resolve:${ticketId}`,
        },
        {
          type: ComponentType.Button as const,
          style: ButtonStyle.Secondary,
          label: 'Reopen',
          custom_id: `ticket:reopen:${ticketId}`,
        },
      ],
    },
  ];
}

/** Creates the private ticket channel and posts its first message with the Claim/Resolve/Reopen buttons. */
export async function createTicketChannel(
  rest: DiscordRest,
  settings: GuildSettings,
  ticket: Ticket,
  botId: string,
): Promise<{ channelId: string; categoryId: string | null }> {
  const categoryId = await categoryWithRoom(rest, settings, botId);
  const body: RESTPostAPIGuildChannelJSONBody = {
    name: ticketChannelName(ticket),
    type: ChannelType.GuildText,
    topic: `Ticket ${ticketLabel(ticket)}: ${ticket.subject}`.slice(0, 1024),
    ...(categoryId ? { parent_id: categoryId } : {}),
    permission_overwrites: ticketOverwrites(ticket.guild_id, ticket.opener_id, settings.staff_role_id, botId),
  };
  const channel = await rest.request<APIChannel>('POST', `/guilds/${ticket.guild_id}/channels`, {
    body,
    reason: `Ticket ${ticketLabel(ticket)} opened`,
  });
  await rest.request('POST', `/channels/${channel.id}/messages`, {
    body: {
      content:
        `Ticket ${ticketLabel(ticket)} opened by <@${ticket.opener_id}>${settings.staff_role_id ? ` for <@&${settings.staff_role_id}>` : ''}.\n**${ticket.subject}**\n${ticket.description}`.slice(
          0,
          2000,
        ),
      allowed_mentions: {
        users: [ticket.opener_id],
        roles: settings.staff_role_id ? [settings.staff_role_id] : [],
      },
      components: ticketButtons(ticket.id),
    },
  });
  return { channelId: channel.id, categoryId };
}
