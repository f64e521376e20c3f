import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { announcePriceChange } from './emails';
import { type TierRow, toTier } from './rows';
import type { TierInput } from './schemas';
import type { Tier } from './types';

/** A creator's tiers by level. The creator (claims) also sees inactive tiers and live subscriber counts. */
export function listTiers(creatorId: string, claims: Claims | null = null): Promise<Tier[]> {
  return asUser(claims, async (db) => {
    // Visitors cannot read subscriptions at all (anon has no grant); signed-in users see only their own rows.
    const r = await db.query<TierRow>(
      claims
        ? `select t.*, (select count(*) from public.subscriptions s
                         where s.tier_id = t.id and s.status in ('active', 'grace')) as subscriber_count
             from public.subscription_tiers t
            where t.creator_id = $1
            order by t.level`
        : 'select t.* from public.subscription_tiers t where t.creator_id = $1 order by t.level',
      [creatorId],
    );
    return r.rows.map(toTier);
  });
}

/**
 * Creates or updates one of the caller's tiers (public.save_subscription_tier). A price change is emailed
 * to the tier's subscribers: it applies from their next period.
 */
export async function saveTier(claims: Claims, t: TierInput): Promise<{ tier: Tier; announced: number }> {
  const r = await asUser(claims, (db) =>
    db.query<TierRow & { previous_price: number | null }>(
      `select (x.tier).*, x.previous_price
         from public.save_subscription_tier($1, $2, $3, $4, $5, $6, $7, $8, $9) x`,
      [
        t.id ?? null,
        t.level,
        t.name,
        t.price,
        t.perks,
        t.memberCap,
        t.active,
        t.discordGuildId,
        t.discordRoleId,
      ],
    ),
  );
  const row = r.rows[0];
  if (!row) throw new Error('save_subscription_tier returned no row');
  const announced =
    row.previous_price !== null && row.previous_price !== row.price
      ? await announcePriceChange(row.id, row.previous_price, row.price)
      : 0;
  return { tier: toTier(row), announced };
}
