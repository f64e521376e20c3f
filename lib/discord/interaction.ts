import 'server-only';
import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  InteractionType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';

/** Small readers over an interaction payload, shared by the command handlers. */

export interface Invoker {
  id: string;
  username: string;
  joinedAt: string | null;
  /** In a guild: whether the member has Administrator or Manage Server; null outside a guild. */
  managesGuild: boolean | null;
}

const MANAGER_BITS = PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild;

export function invokerOf(i: APIInteraction): Invoker | null {
  const user: APIUser | undefined = i.member?.user ?? i.user;
  if (!user) return null;
  let managesGuild: boolean | null = null;
  if (i.member?.permissions) {
    try {
      managesGuild = (BigInt(i.member.permissions) & MANAGER_BITS) !== 0n;
    } catch {
      managesGuild = null; // not a number: leave what we knew unchanged
    }
  }
  return { id: user.id, username: user.username, joinedAt: i.member?.joined_at ?? null, managesGuild };
}

/** The name used to route the interaction: command name, or the custom_id of a button / modal. */
export function interactionName(i: APIInteraction): string | null {
  switch (i.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      return i.data.name;
    case InteractionType.MessageComponent:
    case InteractionType.ModalSubmit:
      return i.data.custom_id;
    default:
      return null;
  }
}

function flatten(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): APIApplicationCommandInteractionDataBasicOption[] {
  const out: APIApplicationCommandInteractionDataBasicOption[] = [];
  for (const o of options ?? []) {
    if (
      o.type === ApplicationCommandOptionType.Subcommand ||
      o.type === ApplicationCommandOptionType.SubcommandGroup
    ) {
      out.push(...flatten(o.options));
    } else out.push(o);
  }
  return out;
}

export function commandOptions(i: APIInteraction): APIApplicationCommandInteractionDataBasicOption[] {
  if (i.type !== InteractionType.ApplicationCommand || !('options' in i.data)) return [];
  return flatten(i.data.options);
}

export function subcommandOf(i: APIInteraction): string | null {
  if (i.type !== InteractionType.ApplicationCommand || !('options' in i.data)) return null;
  const first = i.data.options?.[0];
  return first?.type === ApplicationCommandOptionType.Subcommand ? first.name : null;
}

export function optionValue(i: APIInteraction, name: string): string | number | boolean | undefined {
  return commandOptions(i).find((o) => o.name === name)?.value;
}

/** Staff: the guild's configured staff role, or Manage Messages / Administrator in the channel. */
export function isStaff(i: APIInteraction, staffRoleId: string | null): boolean {
  const member = i.member;
  if (!member) return false;
  if (staffRoleId && member.roles.includes(staffRoleId)) return true;
  const perms = BigInt(member.permissions ?? '0');
  return (
    (perms & PermissionFlagsBits.Administrator) !== 0n || (perms & PermissionFlagsBits.ManageMessages) !== 0n
  );
}
