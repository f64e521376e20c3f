import { z } from 'zod';
import { createCampaign, listCampaigns } from '@/lib/community/campaigns';
import { claimsOf, csvResponse, DASHBOARD_ROLES, guildIdOf } from '@/lib/community/export';
import { type CampaignInput, CampaignSchema } from '@/lib/community/schemas';
import { route } from '@/lib/http/route';

const Query = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** Campaigns of a guild with their lift vs the equal-length period before; POST adds one. */
export const GET = route<undefined, z.infer<typeof Query>, { guildId: string }>(
  { auth: DASHBOARD_ROLES, query: Query },
  async ({ viewer, params, query }) => {
    const guildId = guildIdOf(params);
    const items = await listCampaigns(claimsOf(viewer), guildId);
    if (query.format === 'json') return { items };
    return csvResponse(
      `campaigns-${guildId}`,
      [
        'id',
        'name',
        'starts_on',
        'ends_on',
        'status',
        'measured_days',
        'score_during',
        'score_before',
        'lift_pct',
        'avg_active_during',
        'avg_active_before',
      ],
      items.map((c) => [
        c.id,
        c.name,
        c.starts_on,
        c.ends_on,
        c.status,
        c.measured_days,
        c.during_score,
        c.baseline_score,
        c.lift_pct ?? '',
        c.during_active,
        c.baseline_active,
      ]),
    );
  },
);

export const POST = route<CampaignInput, undefined, { guildId: string }>(
  { auth: DASHBOARD_ROLES, body: CampaignSchema },
  async ({ viewer, params, body }) => ({
    id: await createCampaign(claimsOf(viewer), guildIdOf(params), body),
  }),
);
