import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import type { CampaignInput } from './schemas';

export interface Campaign {
  id: number;
  name: string;
  starts_on: string;
  ends_on: string;
  /** Days compared on each side (the campaign's elapsed days, up to yesterday while it runs). */
  measured_days: number;
  during_score: number;
  baseline_score: number;
  /** (during − baseline) / baseline × 100; null while upcoming or when the baseline had no activity. */
  lift_pct: number | null;
  during_active: number;
  baseline_active: number;
  status: 'upcoming' | 'running' | 'ended';
}

/** Every campaign of a guild with its lift (public.dash_campaigns checks access). */
export function listCampaigns(claims: Claims, guildId: string): Promise<Campaign[]> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select id, name, starts_on::text, ends_on::text, measured_days, during_score, baseline_score, lift_pct,
              during_active, baseline_active, status
         from public.dash_campaigns($1)`,
      [guildId],
    );
    return r.rows.map((x) => ({
      id: Number(x.id),
      name: x.name,
      starts_on: x.starts_on,
      ends_on: x.ends_on,
      measured_days: x.measured_days,
      during_score: Number(x.during_score),
      baseline_score: Number(x.baseline_score),
      lift_pct: x.lift_pct === null ? null : Number(x.lift_pct),
      during_active: Number(x.during_active),
      baseline_active: Number(x.baseline_active),
      status: x.status,
    }));
  });
}

/** Campaign writes go straight to public.guild_campaigns: RLS allows them to whoever can view the guild. */
export async function createCampaign(claims: Claims, guildId: string, input: CampaignInput): Promise<number> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>(
      `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on) values ($1, $2, $3::date, $4::date)
       returning id`,
      [guildId, input.name, input.startsOn, input.endsOn],
    );
    return Number(r.rows[0]?.id);
  });
}

export async function updateCampaign(
  claims: Claims,
  guildId: string,
  id: number,
  input: CampaignInput,
): Promise<void> {
  const n = await asUser(claims, async (db) => {
    const r = await db.query(
      `update public.guild_campaigns set name = $3, starts_on = $4::date, ends_on = $5::date
        where guild_id = $1 and id = $2`,
      [guildId, id, input.name, input.startsOn, input.endsOn],
    );
    return r.rowCount ?? 0;
  });
  if (n === 0) throw new AppError('NOT_FOUND', 'No such campaign');
}

export async function deleteCampaign(claims: Claims, guildId: string, id: number): Promise<void> {
  const n = await asUser(claims, async (db) => {
    const r = await db.query('delete from public.guild_campaigns where guild_id = $1 and id = $2', [
      guildId,
      id,
    ]);
    return r.rowCount ?? 0;
  });
  if (n === 0) throw new AppError('NOT_FOUND', 'No such campaign');
}
