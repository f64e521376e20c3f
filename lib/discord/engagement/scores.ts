import 'server-only';
import { asService, serviceQuery } from '@/lib/db/tx';
import { utcDay } from './rollup';

export interface MemberScore {
  score: number;
  rank: number | null;
  members: number;
  messages: number;
  reactions: number;
  last7: number;
  prev7: number;
  /** Score of each of the last 7 days (UTC), oldest first. */
  days: number[];
}

/** Total score, rank in the guild, counts and the 7-day trend of one member, from the daily rollup. */
export async function memberScore(
  guildId: string,
  userId: string,
  now: Date = new Date(),
): Promise<MemberScore> {
  // One statement on the interaction's hot path: no transaction wrapper (one round trip).
  const r = await serviceQuery<MemberScore>(
    `with totals as (
         select d.user_id, sum(d.score) as score, sum(d.messages)::int as messages, sum(d.reactions)::int as reactions
           from discord.score_daily d where d.guild_id = $1 group by d.user_id
       ), ranked as (
         select t.*, rank() over (order by t.score desc)::int as rank, count(*) over ()::int as members from totals t
       )
       select coalesce(r.score, 0)::float8 as score, r.rank, coalesce(r.members, (select count(*)::int from totals)) as members,
              coalesce(r.messages, 0) as messages, coalesce(r.reactions, 0) as reactions,
              (select coalesce(sum(d.score), 0)::float8 from discord.score_daily d
                where d.guild_id = $1 and d.user_id = $2 and d.day > $3::date - 7 and d.day <= $3::date) as last7,
              (select coalesce(sum(d.score), 0)::float8 from discord.score_daily d
                where d.guild_id = $1 and d.user_id = $2 and d.day > $3::date - 14 and d.day <= $3::date - 7) as prev7,
              (select array_agg(coalesce(d.score, 0)::float8 order by g.day)
                 from generate_series($3::date - 6, $3::date, interval '1 day') as g(day)
                 left join discord.score_daily d on d.guild_id = $1 and d.user_id = $2 and d.day = g.day::date) as days
         from (select 1) one left join ranked r on r.user_id = $2`,
    [guildId, userId, utcDay(now)],
  );
  return r.rows[0] as MemberScore;
}

export type Period = 'week' | 'month' | 'all';

export interface BoardRow {
  rank: number;
  user_id: string;
  score: number;
  messages: number;
  reactions: number;
}

/** First UTC day of the week (Monday) or month `ago` periods before the one containing `now`. */
export function periodStart(period: 'week' | 'month', now: Date, ago = 0): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'week') {
    const monday = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - monday - 7 * ago);
    return d;
  }
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - ago, 1));
}

/** The live board of the current period (or all time), top `limit`. */
export function liveBoard(
  guildId: string,
  period: Period,
  now: Date = new Date(),
  limit = 10,
): Promise<BoardRow[]> {
  const from = period === 'all' ? '0001-01-01' : utcDay(periodStart(period, now));
  return asService(async (db) => {
    const r = await db.query<BoardRow>(
      `select rank() over (order by sum(d.score) desc)::int as rank, d.user_id, sum(d.score)::float8 as score,
              sum(d.messages)::int as messages, sum(d.reactions)::int as reactions
         from discord.score_daily d
        where d.guild_id = $1 and d.day >= $2::date
        group by d.user_id
        order by score desc, d.user_id
        limit $3`,
      [guildId, from, limit],
    );
    return r.rows;
  });
}

/** A past board as it was snapshotted at its period's end (null when none was taken). */
export function snapshotBoard(
  guildId: string,
  period: 'week' | 'month',
  start: Date,
  limit = 10,
): Promise<BoardRow[] | null> {
  return asService(async (db) => {
    const r = await db.query<BoardRow>(
      `select s.rank, s.user_id, s.score::float8 as score, s.messages, s.reactions
         from discord.leaderboard_snapshots s
        where s.guild_id = $1 and s.period = $2 and s.period_start = $3::date
        order by s.rank, s.user_id
        limit $4`,
      [guildId, period, utcDay(start), limit],
    );
    return r.rows.length ? r.rows : null;
  });
}
