import { claimsOf, DASHBOARD_ROLES, guildIdOf } from '@/lib/community/export';
import { assignStaff, listStaff } from '@/lib/community/guilds';
import { AssignStaffSchema } from '@/lib/community/schemas';
import { route } from '@/lib/http/route';

export const GET = route<undefined, undefined, { guildId: string }>(
  { auth: DASHBOARD_ROLES },
  async ({ viewer, params }) => ({ staff: await listStaff(claimsOf(viewer), guildIdOf(params)) }),
);

/** Assign a staff member by username (the guild's owner or an admin). */
export const POST = route<{ username: string }, undefined, { guildId: string }>(
  { auth: ['creator', 'admin'], body: AssignStaffSchema },
  async ({ viewer, params, body }) => {
    const claims = claimsOf(viewer);
    const guildId = guildIdOf(params);
    await assignStaff(claims, guildId, body.username);
    return { staff: await listStaff(claims, guildId) };
  },
);
