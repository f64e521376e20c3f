import 'server-only';
import type { APIInteraction } from 'discord-api-types/v10';
import { type BoardRow, liveBoard, type Period, periodStart, snapshotBoard } from '../engagement/scores';
import { optionValue } from '../interaction';
import { ephemeral, type InteractionOutcome, publicMessage } from '../reply';

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const day = (d: Date) => d.toISOString().slice(0, 10);

function render(title: string, rows: BoardRow[]): string {
  if (rows.length === 0) return `**${title}**\nNo activity counted yet.`;
  const lines = rows.map(
    (r) => `${r.rank}. <@${r.user_id}> — **${fmt(r.score)}** (${r.messages} msgs, ${r.reactions} reactions)`,
  );
  return [`**${title}**`, ...lines].join('\n');
}

/**
 * /leaderboard [period: week|month|all] [ago] → top 10. The current week/month is live; `ago` ≥ 1 shows
 * a past board as it was snapshotted when that period ended.
 */
export async function leaderboardCommand(i: APIInteraction): Promise<InteractionOutcome> {
  if (!i.guild_id) return ephemeral('Run /leaderboard inside the server.');
  const period = (String(optionValue(i, 'period') ?? 'week') as Period) || 'week';
  const ago = Number(optionValue(i, 'ago') ?? 0);
  if (!['week', 'month', 'all'].includes(period)) return ephemeral('Period is week, month or all.');
  const now = new Date();
  if (period === 'all')
    return publicMessage(render('Leaderboard — all time', await liveBoard(i.guild_id, 'all', now)));
  const start = periodStart(period, now, ago);
  const label = period === 'week' ? `week of ${day(start)}` : start.toISOString().slice(0, 7);
  if (ago === 0)
    return publicMessage(
      render(`Leaderboard — this ${period} (${label})`, await liveBoard(i.guild_id, period, now)),
    );
  const rows = await snapshotBoard(i.guild_id, period, start);
  if (!rows) return ephemeral(`No ${period} board was recorded for the ${label}.`);
  return publicMessage(render(`Leaderboard — ${label} (final)`, rows));
}
