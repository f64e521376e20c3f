import type { Claims } from '@/lib/db/tx';
import { loadDashboard } from '@/lib/community/dashboard';
import type { DayRange } from '@/lib/community/dates';
import type { TicketRow } from '@/lib/community/tickets';
import { type TicketDetail, ticketDetail } from '@/lib/community/tickets';
import { CampaignPanel } from './campaign-panel';
import { ChurnPanel, RisingPanel, ScouterPanel, TopPanel } from './engagement-panels';
import { TicketPanel } from './ticket-panel';
import type { DashParams } from './url';

async function detailOrNull(
  claims: Claims,
  guildId: string,
  id: number | undefined,
): Promise<TicketDetail | null> {
  if (!id) return null;
  const d = await ticketDetail(claims, id).catch(() => null);
  return d && d.ticket.guildId === guildId ? d : null;
}

/** Every panel of one guild, streamed in after the header (the page shows skeletons meanwhile). */
export async function DashboardPanels({
  claims,
  guild,
  range,
  p,
}: {
  claims: Claims;
  guild: { guild_id: string; timezone: string };
  range: DayRange;
  p: DashParams;
}) {
  const [data, detail] = await Promise.all([
    loadDashboard(claims, guild, range, {
      risingOrder: p.order ?? 'absolute',
      risingPage: p.rp ?? 1,
      churnPage: p.cp ?? 1,
      scoutPage: p.sp ?? 1,
      ticketPage: p.tp ?? 1,
      ticketState: p.tstate as TicketRow['state'] | undefined,
      campaignId: p.campaign,
    }),
    detailOrNull(claims, guild.guild_id, p.ticket),
  ]);
  return (
    <div className="space-y-6">
      <div className="grid min-w-0 gap-6 xl:grid-cols-2">
        <TopPanel data={data} p={p} />
        <RisingPanel data={data} p={p} />
        <ChurnPanel data={data} p={p} />
        <ScouterPanel data={data} p={p} timezone={guild.timezone} />
      </div>
      <CampaignPanel data={data} p={p} />
      <TicketPanel data={data} p={p} timezone={guild.timezone} detail={detail} />
    </div>
  );
}
