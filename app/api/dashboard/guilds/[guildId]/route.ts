import { claimsOf, DASHBOARD_ROLES, guildIdOf } from '@/lib/community/export';
import { getGuild, updateGuild } from '@/lib/community/guilds';
import { UpdateGuildSchema } from '@/lib/community/schemas';
import { route } from '@/lib/http/route';

export const GET = route<undefined, undefined, { guildId: string }>(
  { auth: DASHBOARD_ROLES },
  async ({ viewer, params }) => ({ guild: await getGuild(claimsOf(viewer), guildIdOf(params)) }),
);

/** Rename or change the timezone (owner or admin; the SQL function decides). */
export const PATCH = route<{ name: string; timezone: string }, undefined, { guildId: string }>(
  { auth: ['creator', 'admin'], body: UpdateGuildSchema },
  async ({ viewer, params, body }) => ({
    guild: await updateGuild(claimsOf(viewer), guildIdOf(params), body),
  }),
);
