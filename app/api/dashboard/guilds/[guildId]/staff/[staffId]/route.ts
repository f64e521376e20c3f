import { z } from 'zod';
import { claimsOf, guildIdOf } from '@/lib/community/export';
import { unassignStaff } from '@/lib/community/guilds';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

export const DELETE = route<undefined, undefined, { guildId: string; staffId: string }>(
  { auth: ['creator', 'admin'] },
  async ({ viewer, params }) => {
    const staffId = z.uuid().safeParse(params.staffId);
    if (!staffId.success) throw new AppError('NOT_FOUND', 'No such staff assignment');
    const removed = await unassignStaff(claimsOf(viewer), guildIdOf(params), staffId.data);
    if (!removed) throw new AppError('NOT_FOUND', 'No such staff assignment');
    return { ok: true };
  },
);
