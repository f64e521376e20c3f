import 'server-only';
import type { APIInteraction } from 'discord-api-types/v10';
import { memberScore } from '../engagement/scores';
import { invokerOf, optionValue } from '../interaction';
import { ephemeral, type InteractionOutcome } from '../reply';

const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(values: number[]): string {
  const max = Math.max(...values, 0);
  return values.map((v) => (max <= 0 ? BARS[0] : BARS[Math.min(7, Math.round((v / max) * 7))])).join('');
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** /score [member] → score, rank in the guild, messages and reactions counted, 7-day trend. */
export async function scoreCommand(i: APIInteraction): Promise<InteractionOutcome> {
  const who = invokerOf(i);
  if (!who || !i.guild_id) return ephemeral('Run /score inside the server.');
  const target = String(optionValue(i, 'member') ?? who.id);
  const s = await memberScore(i.guild_id, target);
  const delta = s.last7 - s.prev7;
  const trend = delta > 0 ? `▲ +${fmt(delta)}` : delta < 0 ? `▼ ${fmt(delta)}` : '= no change';
  return ephemeral(
    [
      `<@${target}> — Community Score **${fmt(s.score)}**${s.rank ? ` · rank **#${s.rank}** of ${s.members}` : ' · not ranked yet'}`,
      `Messages: ${s.messages} · Reactions given: ${s.reactions}`,
      `Last 7 days: ${fmt(s.last7)} (${trend} vs the 7 days before) \`${sparkline(s.days)}\``,
    ].join('\n'),
  );
}
