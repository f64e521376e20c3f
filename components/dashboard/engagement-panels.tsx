import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { DashboardData } from '@/lib/community/dashboard';
import { PAGE_SIZE } from '@/lib/community/export';
import { formatDay, formatInZone, formatPct, formatScore } from '@/lib/community/format';
import { CHURN_MIN_PRIOR, RISING_MIN_SCORE } from '@/lib/community/metrics';
import { cn } from '@/lib/utils/cn';
import { Panel } from './panel';
import { Sparkline } from './sparkline';
import { type DashParams, dashHref, exportHref } from './url';

const pages = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));
const rangeQ = (p: DashParams) => ({ from: p.from, to: p.to });

function Member({ name, id }: { name: string; id: string }) {
  return (
    <div className="min-w-0">
      <div className="truncate font-medium">{name}</div>
      {name !== id ? <div className="truncate text-xs text-muted-foreground">{id}</div> : null}
    </div>
  );
}

export function TopPanel({ data, p }: { data: DashboardData; p: DashParams }) {
  return (
    <Panel
      id="top"
      title="Top 10"
      definition="Highest Community Score in the selected range (messages × 1 + reactions × 0.5 by default), with each member's daily trend."
      exportUrl={exportHref(p.guild, 'top', rangeQ(p))}
      exportLabel="Export top 10"
    >
      {data.top.length === 0 ? (
        <EmptyState
          title="No activity in this range"
          description="Pick a longer range, or check that the bot is polling this guild."
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-10">#</TableHead>
              <TableHead>Member</TableHead>
              <TableHead className="text-right">Score</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Messages</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Reactions</TableHead>
              <TableHead className="hidden md:table-cell">Trend</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.top.map((m) => (
              <TableRow key={m.user_id}>
                <TableCell>{m.rank}</TableCell>
                <TableCell>
                  <Member name={m.username} id={m.user_id} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{formatScore(m.score)}</TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">{m.messages}</TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">{m.reactions}</TableCell>
                <TableCell className="hidden md:table-cell">
                  <Sparkline values={m.series} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}

export function RisingPanel({ data, p }: { data: DashboardData; p: DashParams }) {
  const order = p.order ?? 'absolute';
  const tab = (o: 'absolute' | 'percent', label: string) => (
    <Link
      href={dashHref(p, { order: o, rp: 1 }, 'rising')}
      aria-current={order === o ? 'true' : undefined}
      className={cn(
        'rounded-md px-2 py-1 text-sm',
        order === o ? 'bg-primary text-primary-foreground' : 'text-muted-foreground hover:bg-accent',
      )}
    >
      {label}
    </Link>
  );
  return (
    <Panel
      id="rising"
      title="Rising Stars"
      definition={`Members with at least ${RISING_MIN_SCORE} points in the range who scored more than in the previous window of the same length, ranked by points gained (or by % growth; "new" = no activity before).`}
      exportUrl={exportHref(p.guild, 'rising', { ...rangeQ(p), order })}
      exportLabel="Export rising stars"
      actions={
        <nav aria-label="Rank rising stars by" className="flex gap-1 rounded-lg border p-0.5">
          {tab('absolute', 'Points gained')}
          {tab('percent', '% growth')}
        </nav>
      }
    >
      {data.rising.items.length === 0 ? (
        <EmptyState
          title="No rising stars in this range"
          description={`Nobody reached ${RISING_MIN_SCORE} points while growing.`}
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead className="text-right">Score</TableHead>
                <TableHead className="hidden text-right sm:table-cell">Previous</TableHead>
                <TableHead className="text-right">Gained</TableHead>
                <TableHead className="text-right">Growth</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rising.items.map((m) => (
                <TableRow key={m.user_id}>
                  <TableCell>
                    <Member name={m.username} id={m.user_id} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatScore(m.score)}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {formatScore(m.previous_score)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">+{formatScore(m.growth)}</TableCell>
                  <TableCell className="text-right">
                    {m.growth_pct === null ? <Badge variant="secondary">new</Badge> : formatPct(m.growth_pct)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <ListFooter
            total={data.rising.total}
            page={p.rp ?? 1}
            href={(n) => dashHref(p, { rp: n }, 'rising')}
            label="Rising stars pages"
          />
        </>
      )}
    </Panel>
  );
}

function ListFooter({
  total,
  page,
  href,
  label,
}: {
  total: number;
  page: number;
  href: (n: number) => string;
  label: string;
}) {
  return (
    <div className="mt-3 space-y-2">
      <p className="text-xs text-muted-foreground">
        {total} member{total === 1 ? '' : 's'}
      </p>
      {total > PAGE_SIZE ? (
        <Pagination page={page} pageCount={pages(total)} hrefFor={href} label={label} />
      ) : null}
    </div>
  );
}

export function ChurnPanel({ data, p }: { data: DashboardData; p: DashParams }) {
  const w = data.churnWeeks;
  return (
    <Panel
      id="churn"
      title="Churn Radar"
      definition={`Score fell by more than 50% from the week of ${formatDay(w.prior_start, false)}–${formatDay(w.prior_end, false)} to the last full week, ${formatDay(w.week_start, false)}–${formatDay(w.week_end)} (Monday–Sunday, guild time), among members with at least ${CHURN_MIN_PRIOR} points the week before.`}
      exportUrl={exportHref(p.guild, 'churn', rangeQ(p))}
      exportLabel="Export churn list"
    >
      {data.churn.items.length === 0 ? (
        <EmptyState
          title="Nobody is drifting away"
          description="No member's weekly score halved this week."
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead className="text-right">Week before</TableHead>
                <TableHead className="hidden text-right sm:table-cell">Last week</TableHead>
                <TableHead className="text-right">Change</TableHead>
                <TableHead className="hidden sm:table-cell">Last seen</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.churn.items.map((m) => (
                <TableRow key={m.user_id}>
                  <TableCell>
                    <Member name={m.username} id={m.user_id} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatScore(m.prior_week)}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {formatScore(m.last_week)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums text-destructive">
                    {formatPct(m.change_pct)}
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    {m.last_seen ? formatDay(m.last_seen) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <ListFooter
            total={data.churn.total}
            page={p.cp ?? 1}
            href={(n) => dashHref(p, { cp: n }, 'churn')}
            label="Churn radar pages"
          />
        </>
      )}
    </Panel>
  );
}

export function ScouterPanel({
  data,
  p,
  timezone,
}: {
  data: DashboardData;
  p: DashParams;
  timezone: string;
}) {
  const active = data.scouter.items[0]?.active_members;
  return (
    <Panel
      id="scouter"
      title="Star Scouter"
      definition={`Joined in the 30 days up to ${formatDay(p.to)} and in the top 10% of active members by score in the range${active ? ` (${active} active members)` : ''}.`}
      exportUrl={exportHref(p.guild, 'scouter', rangeQ(p))}
      exportLabel="Export VIP list"
    >
      {data.scouter.items.length === 0 ? (
        <EmptyState
          title="No new stars yet"
          description="No member who joined in the last 30 days is in the top 10%."
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead>Joined</TableHead>
                <TableHead className="text-right">Score</TableHead>
                <TableHead className="text-right">Rank</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.scouter.items.map((m) => (
                <TableRow key={m.user_id}>
                  <TableCell>
                    <Member name={m.username} id={m.user_id} />
                  </TableCell>
                  <TableCell>{formatInZone(m.joined_at, timezone)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatScore(m.score)}</TableCell>
                  <TableCell className="text-right tabular-nums">#{m.activity_rank}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <ListFooter
            total={data.scouter.total}
            page={p.sp ?? 1}
            href={(n) => dashHref(p, { sp: n }, 'scouter')}
            label="Star scouter pages"
          />
        </>
      )}
    </Panel>
  );
}
