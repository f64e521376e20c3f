import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AccessPanel } from '@/components/dashboard/access-panel';
import { ConnectGuildForm } from '@/components/dashboard/access-forms';
import { DashboardPanels } from '@/components/dashboard/dashboard-panels';
import { GuildPicker } from '@/components/dashboard/guild-picker';
import { DashboardSkeleton } from '@/components/dashboard/panel';
import { RangePicker } from '@/components/dashboard/range-picker';
import type { DashParams } from '@/components/dashboard/url';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { requireRole } from '@/lib/auth/viewer';
import { resolveRange, utcOffsetLabel } from '@/lib/community/dates';
import { DASHBOARD_ROLES } from '@/lib/community/export';
import { listGuilds, listStaff } from '@/lib/community/guilds';
import { RangeQuery, RisingOrder, TicketState } from '@/lib/community/schemas';

export const metadata: Metadata = { title: 'Dashboard' };

type SP = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const posInt = (v: string | undefined) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

const SECTIONS = [
  ['top', 'Top 10'],
  ['rising', 'Rising'],
  ['churn', 'Churn'],
  ['scouter', 'Scouter'],
  ['campaigns', 'Campaigns'],
  ['tickets', 'Tickets'],
  ['access', 'Access'],
] as const;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SP> }) {
  const viewer = await requireRole(DASHBOARD_ROLES, '/dashboard');
  const sp = await searchParams;
  const role = viewer.profile.role;
  const canConnect = role === 'creator' || role === 'admin';
  const guilds = await listGuilds(viewer.claims);

  if (guilds.length === 0) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
        <EmptyState
          title={canConnect ? 'Connect your Discord guild' : 'No guilds assigned to you yet'}
          description={
            canConnect
              ? 'Once a guild is connected, its engagement and tickets appear here.'
              : "Ask the guild's creator or an admin to assign you to their guild."
          }
        />
        {canConnect ? (
          <Card>
            <CardHeader>
              <CardTitle as="h2">Connect a guild</CardTitle>
            </CardHeader>
            <CardContent>
              <ConnectGuildForm isAdmin={role === 'admin'} />
            </CardContent>
          </Card>
        ) : null}
      </div>
    );
  }

  const guild = guilds.find((g) => g.guild_id === one(sp.guild)) ?? guilds[0];
  if (!guild) return null;
  const rq = RangeQuery.safeParse({ from: one(sp.from), to: one(sp.to) });
  const rangeError = rq.success ? null : (rq.error.issues[0]?.message ?? 'Invalid dates');
  const range = resolveRange(rq.success ? rq.data : {}, guild.timezone);
  const order = RisingOrder.safeParse(one(sp.order));
  const tstate = TicketState.safeParse(one(sp.tstate));
  const p: DashParams = {
    guild: guild.guild_id,
    from: range.from,
    to: range.to,
    order: order.success ? order.data : undefined,
    rp: posInt(one(sp.rp)),
    cp: posInt(one(sp.cp)),
    sp: posInt(one(sp.sp)),
    tp: posInt(one(sp.tp)),
    tstate: tstate.success ? tstate.data : undefined,
    campaign: posInt(one(sp.campaign)),
    ticket: posInt(one(sp.ticket)),
  };
  const staff = await listStaff(viewer.claims, guild.guild_id);

  return (
    <div className="space-y-6">
      <div className="space-y-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
          <p className="text-muted-foreground">
            <span className="font-medium text-foreground">{guild.name}</span> · days, weeks and times in the
            guild&apos;s timezone,{' '}
            <span className="font-medium text-foreground">
              {guild.timezone} ({utcOffsetLabel(guild.timezone)})
            </span>
          </p>
        </div>
        <div className="flex flex-col gap-4 rounded-xl border bg-card p-4 lg:flex-row lg:items-start lg:justify-between">
          {guilds.length > 1 ? (
            <GuildPicker guilds={guilds} current={guild.guild_id} from={range.from} to={range.to} />
          ) : (
            <div className="text-sm">
              <div className="font-medium">Guild</div>
              <div className="text-muted-foreground">{guild.name}</div>
            </div>
          )}
          <RangePicker p={p} timezone={guild.timezone} />
        </div>
        {rangeError ? (
          <Alert variant="destructive">
            <AlertDescription>{rangeError}. Showing the last 30 days instead.</AlertDescription>
          </Alert>
        ) : null}
        <nav aria-label="Dashboard sections" className="flex gap-1 overflow-x-auto pb-1 text-sm">
          {SECTIONS.map(([id, label]) => (
            <a key={id} href={`#${id}`} className="shrink-0 rounded-md border px-2 py-1 hover:bg-accent">
              {label}
            </a>
          ))}
        </nav>
      </div>
      <Suspense key={JSON.stringify(p)} fallback={<DashboardSkeleton />}>
        <DashboardPanels claims={viewer.claims} guild={guild} range={range} p={p} />
      </Suspense>
      <AccessPanel guild={guild} staff={staff} canConnect={canConnect} isAdmin={role === 'admin'} />
    </div>
  );
}
