import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Campaign } from '@/lib/community/campaigns';
import type { DashboardData } from '@/lib/community/dashboard';
import { addDays } from '@/lib/community/dates';
import { formatDay, formatPct, formatScore } from '@/lib/community/format';
import { cn } from '@/lib/utils/cn';
import { CampaignChart } from './campaign-chart';
import { CampaignForm, DeleteCampaignButton, EditCampaign } from './campaign-form';
import { Panel } from './panel';
import { type DashParams, dashHref } from './url';

function Verdict({ c }: { c: Campaign }) {
  if (c.status === 'upcoming')
    return (
      <p className="text-sm text-muted-foreground">
        Starts {formatDay(c.starts_on)}: nothing to compare yet.
      </p>
    );
  if (c.lift_pct === null)
    return (
      <p className="text-sm text-muted-foreground">
        No activity in the {c.measured_days} day{c.measured_days === 1 ? '' : 's'} before it, so there is no
        baseline to compare with.
      </p>
    );
  const up = c.lift_pct > 0;
  return (
    <p className="text-sm">
      <span
        className={cn(
          'text-2xl font-semibold tabular-nums',
          up ? 'text-emerald-600 dark:text-emerald-400' : 'text-destructive',
        )}
      >
        {formatPct(c.lift_pct)}
      </span>{' '}
      engagement {up ? 'lift' : 'change'}: {formatScore(c.during_score)} points in {c.measured_days} day
      {c.measured_days === 1 ? '' : 's'} vs {formatScore(c.baseline_score)} in the {c.measured_days} day
      {c.measured_days === 1 ? '' : 's'} before
      {c.status === 'running' ? ' (so far; today is not counted until it ends)' : ''}. Active members a day:{' '}
      {c.during_active} vs {c.baseline_active}.
    </p>
  );
}

export function CampaignPanel({ data, p }: { data: DashboardData; p: DashParams }) {
  const sel = data.campaign;
  return (
    <Panel
      id="campaigns"
      title="Campaigns"
      definition="Lift = total score during the campaign vs the same number of days just before it (days in guild time)."
      exportUrl={data.campaigns.length ? `/api/dashboard/guilds/${p.guild}/campaigns?format=csv` : undefined}
      exportLabel="Export campaigns"
    >
      <div className="space-y-6">
        {sel ? (
          <div className="space-y-3">
            <h3 className="font-semibold">
              {sel.selected.name}{' '}
              <span className="font-normal text-muted-foreground">
                ({formatDay(sel.selected.starts_on, false)} – {formatDay(sel.selected.ends_on)})
              </span>
            </h3>
            <Verdict c={sel.selected} />
            <CampaignChart
              days={sel.days}
              band={{
                from: sel.selected.starts_on,
                to: sel.selected.ends_on < sel.window.to ? sel.selected.ends_on : sel.window.to,
                name: sel.selected.name,
              }}
              baseline={
                sel.selected.measured_days > 0
                  ? {
                      from: addDays(sel.selected.starts_on, -sel.selected.measured_days),
                      to: addDays(sel.selected.starts_on, -1),
                    }
                  : null
              }
            />
          </div>
        ) : (
          <EmptyState
            title="No campaigns yet"
            description="Tag a timeframe (an event, a launch, a giveaway) to see whether it lifted engagement."
          />
        )}
        {data.campaigns.length ? (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Campaign</TableHead>
                <TableHead className="hidden sm:table-cell">Dates</TableHead>
                <TableHead className="text-right">Lift</TableHead>
                <TableHead className="text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.campaigns.map((c) => (
                <TableRow key={c.id} aria-selected={sel?.selected.id === c.id}>
                  <TableCell>
                    <Link
                      href={dashHref(p, { campaign: c.id }, 'campaigns')}
                      className="font-medium underline-offset-4 hover:underline"
                    >
                      {c.name}
                    </Link>{' '}
                    {c.status !== 'ended' ? <Badge variant="secondary">{c.status}</Badge> : null}
                    <div className="text-xs text-muted-foreground sm:hidden">
                      {c.starts_on} – {c.ends_on}
                    </div>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    {formatDay(c.starts_on, false)} – {formatDay(c.ends_on)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {c.lift_pct === null ? '—' : formatPct(c.lift_pct)}
                  </TableCell>
                  <TableCell className="text-right">
                    <div className="flex justify-end gap-1">
                      <EditCampaign
                        guildId={p.guild}
                        campaign={{ id: c.id, name: c.name, startsOn: c.starts_on, endsOn: c.ends_on }}
                      />
                      <DeleteCampaignButton guildId={p.guild} id={c.id} name={c.name} />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
        <div className="space-y-2 border-t pt-4">
          <h3 className="text-sm font-semibold">Add a campaign</h3>
          <CampaignForm guildId={p.guild} />
        </div>
      </div>
    </Panel>
  );
}
