import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { DashboardData } from '@/lib/community/dashboard';
import { PAGE_SIZE } from '@/lib/community/export';
import { formatDuration, formatInZone, TICKET_STATE_LABEL } from '@/lib/community/format';
import type { TicketDetail } from '@/lib/community/tickets';
import { cn } from '@/lib/utils/cn';
import { Panel } from './panel';
import { TicketChart } from './ticket-chart';
import { type DashParams, dashHref, exportHref } from './url';

const STATES = ['open', 'in_progress', 'resolved'] as const;

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <Card className="gap-1 py-4">
      <CardHeader className="px-4">
        <CardDescription>{label}</CardDescription>
        <CardTitle as="div" className="text-2xl tabular-nums">
          {value}
        </CardTitle>
      </CardHeader>
    </Card>
  );
}

export function TicketPanel({
  data,
  p,
  timezone,
  detail,
}: {
  data: DashboardData;
  p: DashParams;
  timezone: string;
  detail: TicketDetail | null;
}) {
  const s = data.ticketStats;
  const q = { from: p.from, to: p.to, state: p.tstate };
  return (
    <Panel
      id="tickets"
      title="Tickets"
      definition="Tickets opened in the range. First response = first claim or resolution by staff; resolution = time to the latest resolve."
      exportUrl={exportHref(p.guild, 'tickets', q)}
      exportLabel="Export tickets"
    >
      <div className="space-y-6">
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Stat label="Open" value={s.open} />
          <Stat label="In progress" value={s.in_progress} />
          <Stat label="Resolved" value={s.resolved} />
          <Stat label="Waiting for a first response" value={s.unanswered} />
          <Stat label="Median first response" value={formatDuration(s.median_first_response_seconds)} />
          <Stat label="Median resolution" value={formatDuration(s.median_resolution_seconds)} />
          <Stat label="Opened in range" value={s.total} />
        </div>
        {s.total === 0 && data.ticketDaily.every((d) => d.resolved === 0) ? (
          <EmptyState title="No tickets in this range" />
        ) : (
          <TicketChart days={data.ticketDaily} />
        )}

        <div className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-semibold">Staff</h3>
            <a
              href={exportHref(p.guild, 'ticket-staff', { from: p.from, to: p.to })}
              download
              className="text-sm underline-offset-4 hover:underline"
            >
              Export staff table (CSV)
            </a>
          </div>
          {data.ticketStaff.length === 0 ? (
            <p className="text-sm text-muted-foreground">No staff activity on tickets in this range.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Staff member</TableHead>
                  <TableHead className="text-right">Claimed</TableHead>
                  <TableHead className="text-right">Resolved</TableHead>
                  <TableHead className="text-right">Median first response</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.ticketStaff.map((r) => (
                  <TableRow key={r.staff_id}>
                    <TableCell className="font-medium">{r.username}</TableCell>
                    <TableCell className="text-right tabular-nums">{r.claimed}</TableCell>
                    <TableCell className="text-right tabular-nums">{r.resolved}</TableCell>
                    <TableCell className="text-right">
                      {formatDuration(r.median_first_response_seconds)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </div>

        <div className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-semibold">All tickets</h3>
            <nav aria-label="Filter tickets by state" className="flex flex-wrap gap-1">
              {[undefined, ...STATES].map((st) => (
                <Link
                  key={st ?? 'all'}
                  href={dashHref(p, { tstate: st, tp: 1, ticket: undefined }, 'tickets')}
                  aria-current={p.tstate === st ? 'true' : undefined}
                  className={cn(
                    'rounded-md border px-2 py-1 text-sm',
                    p.tstate === st ? 'bg-primary text-primary-foreground' : 'hover:bg-accent',
                  )}
                >
                  {st ? TICKET_STATE_LABEL[st] : 'All'}
                </Link>
              ))}
            </nav>
          </div>
          {data.tickets.items.length === 0 ? (
            <p className="text-sm text-muted-foreground">No tickets match.</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Ticket</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead className="hidden sm:table-cell">Opened</TableHead>
                  <TableHead className="hidden md:table-cell">Assignee</TableHead>
                  <TableHead className="hidden text-right md:table-cell">First response</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.tickets.items.map((t) => (
                  <TableRow key={t.id} aria-selected={p.ticket === t.id}>
                    <TableCell>
                      <Link
                        href={dashHref(p, { ticket: t.id }, 'ticket-detail')}
                        className="font-medium underline-offset-4 hover:underline"
                      >
                        #{String(t.number).padStart(4, '0')} {t.subject}
                      </Link>
                      <div className="text-xs text-muted-foreground">by {t.opener_name}</div>
                    </TableCell>
                    <TableCell>
                      <Badge variant={t.state === 'resolved' ? 'secondary' : 'default'}>
                        {TICKET_STATE_LABEL[t.state]}
                      </Badge>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">
                      {formatInZone(t.created_at, timezone)}
                    </TableCell>
                    <TableCell className="hidden md:table-cell">{t.assignee_name ?? '—'}</TableCell>
                    <TableCell className="hidden text-right md:table-cell">
                      {formatDuration(t.first_response_seconds)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {data.tickets.total > PAGE_SIZE ? (
            <Pagination
              page={p.tp ?? 1}
              pageCount={Math.ceil(data.tickets.total / PAGE_SIZE)}
              hrefFor={(n) => dashHref(p, { tp: n }, 'tickets')}
              label="Ticket pages"
            />
          ) : null}
        </div>
        {detail ? (
          <TicketDetailView
            detail={detail}
            timezone={timezone}
            closeHref={dashHref(p, { ticket: undefined }, 'tickets')}
          />
        ) : null}
      </div>
    </Panel>
  );
}

function TicketDetailView({
  detail,
  timezone,
  closeHref,
}: {
  detail: TicketDetail;
  timezone: string;
  closeHref: string;
}) {
  const t = detail.ticket;
  return (
    <section
      id="ticket-detail"
      aria-labelledby="ticket-detail-title"
      className="scroll-mt-20 space-y-4 rounded-xl border p-4"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id="ticket-detail-title" className="font-semibold">
            Ticket #{String(t.number).padStart(4, '0')}: {t.subject}
          </h3>
          <p className="text-sm text-muted-foreground">
            Opened by {t.openerName} on {formatInZone(t.createdAt, timezone)} · {TICKET_STATE_LABEL[t.state]}
            {t.assigneeName ? ` · assigned to ${t.assigneeName}` : ''}
          </p>
        </div>
        <Link href={closeHref} className="text-sm underline-offset-4 hover:underline">
          Close
        </Link>
      </div>
      {t.description ? (
        <p className="whitespace-pre-wrap rounded-md bg-muted p-3 text-sm">{t.description}</p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-[1fr_2fr]">
        <div>
          <h4 className="mb-2 text-sm font-semibold">Timeline</h4>
          <ol className="space-y-2 border-l pl-4 text-sm">
            {detail.events.map((e) => (
              <li key={e.id}>
                <span className="font-medium capitalize">{e.action}</span> by {e.actorName}
                <div className="text-xs text-muted-foreground">
                  {formatInZone(e.at, timezone)} ·{' '}
                  {e.fromState ? `${TICKET_STATE_LABEL[e.fromState]} → ` : ''}
                  {TICKET_STATE_LABEL[e.toState]}
                </div>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h4 className="mb-2 text-sm font-semibold">Transcript</h4>
          {detail.messages.length === 0 ? (
            <p className="text-sm text-muted-foreground">No messages stored for this ticket's channel yet.</p>
          ) : (
            <ol className="max-h-96 space-y-3 overflow-y-auto text-sm">
              {detail.messages.map((m) => (
                <li key={m.id}>
                  <div>
                    <span className="font-medium">{m.authorName}</span>
                    {m.isBot ? (
                      <Badge variant="secondary" className="ml-1">
                        bot
                      </Badge>
                    ) : null}{' '}
                    <span className="text-xs text-muted-foreground">{formatInZone(m.at, timezone)}</span>
                  </div>
                  <p className="whitespace-pre-wrap break-words">
                    {m.content || <em className="text-muted-foreground">(no text)</em>}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  );
}
