import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import type { DayRange } from './dates';

/**
 * The engagement metrics, each one SQL function call as the viewer (the function checks guild access and
 * computes in the guild's timezone; see supabase/migrations/20261123000602_dashboard_metrics.sql).
 */

export const RISING_MIN_SCORE = 10;
export const CHURN_MIN_PRIOR = 10;

export interface ListPage {
  limit: number;
  offset: number;
}

export interface TopMember {
  rank: number;
  user_id: string;
  username: string;
  score: number;
  messages: number;
  reactions: number;
  series: number[];
}

export interface RisingStar {
  user_id: string;
  username: string;
  score: number;
  previous_score: number;
  growth: number;
  growth_pct: number | null;
}

export interface ChurnRow {
  user_id: string;
  username: string;
  prior_week: number;
  last_week: number;
  change_pct: number;
  last_seen: string | null;
}

export interface ChurnWeeks {
  week_start: string;
  week_end: string;
  prior_start: string;
  prior_end: string;
}

export interface ScoutRow {
  user_id: string;
  username: string;
  joined_at: Date;
  score: number;
  activity_rank: number;
  active_members: number;
}

export interface Listed<T> {
  items: T[];
  total: number;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function listed<R extends { total_count: number }, T>(rows: R[], map: (r: R) => T): Listed<T> {
  return { items: rows.map(map), total: rows[0]?.total_count ?? 0 };
}

export function topMembers(
  claims: Claims,
  guildId: string,
  range: DayRange,
  limit = 10,
): Promise<TopMember[]> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select rank, user_id, username, score::float8 as score, messages, reactions, series::float8[] as series
         from public.dash_top_members($1, $2::date, $3::date, $4)`,
      [guildId, range.from, range.to, limit],
    );
    return r.rows as TopMember[];
  });
}

export function risingStars(
  claims: Claims,
  guildId: string,
  range: DayRange,
  opts: ListPage & { order?: 'absolute' | 'percent'; minScore?: number },
): Promise<Listed<RisingStar>> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select user_id, username, score, previous_score, growth, growth_pct, total_count
         from public.dash_rising_stars($1, $2::date, $3::date, $4, $5, $6, $7)`,
      [
        guildId,
        range.from,
        range.to,
        opts.minScore ?? RISING_MIN_SCORE,
        opts.order ?? 'absolute',
        opts.limit,
        opts.offset,
      ],
    );
    return listed(r.rows, (x) => ({
      user_id: x.user_id,
      username: x.username,
      score: num(x.score),
      previous_score: num(x.previous_score),
      growth: num(x.growth),
      growth_pct: numOrNull(x.growth_pct),
    }));
  });
}

export function churnWeeks(claims: Claims, guildId: string, to: string): Promise<ChurnWeeks> {
  return asUser(claims, async (db) => {
    const r = await db.query<ChurnWeeks>(
      `select week_start::text, week_end::text, prior_start::text, prior_end::text
         from public.dash_churn_weeks($1, $2::date)`,
      [guildId, to],
    );
    return r.rows[0] as ChurnWeeks;
  });
}

export function churnRadar(
  claims: Claims,
  guildId: string,
  to: string,
  opts: ListPage & { minPrior?: number },
): Promise<Listed<ChurnRow>> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select user_id, username, prior_week, last_week, change_pct, last_seen::text, total_count
         from public.dash_churn_radar($1, $2::date, $3, $4, $5)`,
      [guildId, to, opts.minPrior ?? CHURN_MIN_PRIOR, opts.limit, opts.offset],
    );
    return listed(r.rows, (x) => ({
      user_id: x.user_id,
      username: x.username,
      prior_week: num(x.prior_week),
      last_week: num(x.last_week),
      change_pct: num(x.change_pct),
      last_seen: x.last_seen,
    }));
  });
}

export function starScouter(
  claims: Claims,
  guildId: string,
  range: DayRange,
  opts: ListPage,
): Promise<Listed<ScoutRow>> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select user_id, username, joined_at, score, activity_rank, active_members, total_count
         from public.dash_star_scouter($1, $2::date, $3::date, $4, $5)`,
      [guildId, range.from, range.to, opts.limit, opts.offset],
    );
    return listed(r.rows, (x) => ({
      user_id: x.user_id,
      username: x.username,
      joined_at: x.joined_at,
      score: num(x.score),
      activity_rank: x.activity_rank,
      active_members: x.active_members,
    }));
  });
}

export interface DailyScore {
  day: string;
  score: number;
  messages: number;
  reactions: number;
  active_members: number;
}

export function dailyScores(claims: Claims, guildId: string, range: DayRange): Promise<DailyScore[]> {
  return asUser(claims, async (db) => {
    const r = await db.query(
      `select day::text, score::float8 as score, messages, reactions, active_members
         from public.dash_daily_scores($1, $2::date, $3::date)`,
      [guildId, range.from, range.to],
    );
    return r.rows as DailyScore[];
  });
}
