import { deleteCampaign, updateCampaign } from '@/lib/community/campaigns';
import { claimsOf, DASHBOARD_ROLES, guildIdOf } from '@/lib/community/export';
import { type CampaignInput, CampaignSchema } from '@/lib/community/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

type P = { guildId: string; campaignId: string };

function campaignIdOf(params: P): number {
  const id = Number(params.campaignId);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError('NOT_FOUND', 'No such campaign');
  return id;
}

export const PATCH = route<CampaignInput, undefined, P>(
  { auth: DASHBOARD_ROLES, body: CampaignSchema },
  async ({ viewer, params, body }) => {
    await updateCampaign(claimsOf(viewer), guildIdOf(params), campaignIdOf(params), body);
    return { ok: true };
  },
);

export const DELETE = route<undefined, undefined, P>(
  { auth: DASHBOARD_ROLES },
  async ({ viewer, params }) => {
    await deleteCampaign(claimsOf(viewer), guildIdOf(params), campaignIdOf(params));
    return { ok: true };
  },
);
