import { claimsOf, DASHBOARD_ROLES } from '@/lib/community/export';
import { connectGuild, listGuilds } from '@/lib/community/guilds';
import { ConnectGuildSchema } from '@/lib/community/schemas';
import { route } from '@/lib/http/route';

/** The guilds the viewer can see; POST connects (claims) one — creators their own, admins for anyone. */
export const GET = route({ auth: DASHBOARD_ROLES }, async ({ viewer }) => ({
  guilds: await listGuilds(claimsOf(viewer)),
}));

export const POST = route(
  { auth: ['creator', 'admin'], body: ConnectGuildSchema },
  async ({ viewer, body }) => ({
    guild: await connectGuild(claimsOf(viewer), body),
  }),
);
