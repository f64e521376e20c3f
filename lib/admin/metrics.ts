import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';

export interface MetricsDay {
  day: string;
  tokens_sold: number;
  revenue_cents: number;
  platform_fee_tokens: number;
  call_minutes: number;
  tickets_opened: number;
  tickets_resolved: number;
  ai_spend_usd: number;
  active_fans: number;
  active_creators: number;
}

export interface PlatformMetrics {
  days: MetricsDay[];
  totals: Omit<MetricsDay, 'day' | 'active_fans' | 'active_creators'>;
  active: { fans_7d: number; fans_30d: number; creators_7d: number; creators_30d: number };
}

const KEYS = [
  'tokens_sold',
  'revenue_cents',
  'platform_fee_tokens',
  'call_minutes',
  'tickets_opened',
  'tickets_resolved',
  'ai_spend_usd',
] as const;

/** Per-UTC-day platform figures for [from, to] (inclusive) plus the 7/30-day active fans and creators. */
export async function platformMetrics(claims: Claims, from: string, to: string): Promise<PlatformMetrics> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select to_char(day, 'YYYY-MM-DD') as day, tokens_sold, revenue_cents, platform_fee_tokens, call_minutes,
              tickets_opened, tickets_resolved, ai_spend_usd, active_fans, active_creators
         from public.admin_platform_metrics($1::date, $2::date)`,
      [from, to],
    );
    const days: MetricsDay[] = r.rows.map((d) => ({
      day: d.day,
      tokens_sold: Number(d.tokens_sold),
      revenue_cents: Number(d.revenue_cents),
      platform_fee_tokens: Number(d.platform_fee_tokens),
      call_minutes: Number(d.call_minutes),
      tickets_opened: Number(d.tickets_opened),
      tickets_resolved: Number(d.tickets_resolved),
      ai_spend_usd: Number(d.ai_spend_usd),
      active_fans: Number(d.active_fans),
      active_creators: Number(d.active_creators),
    }));
    const totals = Object.fromEntries(
      KEYS.map((k) => [k, days.reduce((s, d) => s + d[k], 0)]),
    ) as PlatformMetrics['totals'];
    const a = await db.query('select * from public.admin_active_users()');
    const row = a.rows[0] ?? {};
    return {
      days,
      totals,
      active: {
        fans_7d: Number(row.fans_7d ?? 0),
        fans_30d: Number(row.fans_30d ?? 0),
        creators_7d: Number(row.creators_7d ?? 0),
        creators_30d: Number(row.creators_30d ?? 0),
      },
    };
  });
}
