import 'server-only';
import type { Claims } from '@/lib/db/tx';
import { type Campaign, listCampaigns } from './campaigns';
import { addDays, type DayRange, daysBetween, localToday } from './dates';
import { PAGE_SIZE } from './export';
import {
  type ChurnRow,
  type ChurnWeeks,
  churnRadar,
  churnWeeks,
  type DailyScore,
  dailyScores,
  type Listed,
  type RisingStar,
  risingStars,
  type ScoutRow,
  starScouter,
  type TopMember,
  topMembers,
} from './metrics';
import {
  listTickets,
  type StaffRow,
  type TicketDay,
  type TicketRow,
  type TicketStats,
  ticketDaily,
  ticketStaff,
  ticketStats,
} from './tickets';

export interface DashboardOptions {
  risingOrder: 'absolute' | 'percent';
  risingPage: number;
  churnPage: number;
  scoutPage: number;
  ticketPage: number;
  ticketState?: TicketRow['state'];
  /** The campaign whose chart is shown (default: the newest). */
  campaignId?: number;
}

export interface DashboardData {
  top: TopMember[];
  rising: Listed<RisingStar>;
  churnWeeks: ChurnWeeks;
  churn: Listed<ChurnRow>;
  scouter: Listed<ScoutRow>;
  campaigns: Campaign[];
  campaign: { selected: Campaign; window: DayRange; days: DailyScore[] } | null;
  ticketStats: TicketStats;
  ticketDaily: TicketDay[];
  ticketStaff: StaffRow[];
  tickets: Listed<TicketRow>;
}

const page = (n: number) => ({ limit: PAGE_SIZE, offset: (Math.max(1, n) - 1) * PAGE_SIZE });

/**
 * The chart window of a campaign: its baseline (as long as the campaign) before it, the campaign, and as
 * many days after (up to today) — at least a week on each side, so a one-day event has context.
 */
export function campaignWindow(c: { starts_on: string; ends_on: string }, today: string): DayRange {
  const n = Math.max(7, daysBetween(c.starts_on, c.ends_on));
  const from = addDays(c.starts_on, -n);
  const after = addDays(c.ends_on, n);
  const to = after < today ? after : today < c.ends_on ? c.ends_on : today;
  return daysBetween(from, to) > 366 ? { from, to: addDays(from, 365) } : { from, to };
}

async function campaignPanel(
  claims: Claims,
  guildId: string,
  timezone: string,
  campaigns: Campaign[],
  id: number | undefined,
): Promise<DashboardData['campaign']> {
  const selected = campaigns.find((c) => c.id === id) ?? campaigns[0];
  if (!selected) return null;
  const window = campaignWindow(selected, localToday(timezone));
  return { selected, window, days: await dailyScores(claims, guildId, window) };
}

/**
 * Everything /dashboard shows for one guild and range, queried in parallel (each query is one SQL
 * function call as the viewer). The page renders this; scripts/bench-dashboard.ts times it.
 */
export async function loadDashboard(
  claims: Claims,
  guild: { guild_id: string; timezone: string },
  range: DayRange,
  opts: DashboardOptions,
): Promise<DashboardData> {
  const g = guild.guild_id;
  const [top, rising, weeks, churn, scouter, campaigns, stats, daily, staff, tickets] = await Promise.all([
    topMembers(claims, g, range),
    risingStars(claims, g, range, { ...page(opts.risingPage), order: opts.risingOrder }),
    churnWeeks(claims, g, range.to),
    churnRadar(claims, g, range.to, page(opts.churnPage)),
    starScouter(claims, g, range, page(opts.scoutPage)),
    listCampaigns(claims, g),
    ticketStats(claims, g, range),
    ticketDaily(claims, g, range),
    ticketStaff(claims, g, range),
    listTickets(claims, g, range, { ...page(opts.ticketPage), state: opts.ticketState }),
  ]);
  const campaign = await campaignPanel(claims, g, guild.timezone, campaigns, opts.campaignId);
  return {
    top,
    rising,
    churnWeeks: weeks,
    churn,
    scouter,
    campaigns,
    campaign,
    ticketStats: stats,
    ticketDaily: daily,
    ticketStaff: staff,
    tickets,
  };
}
