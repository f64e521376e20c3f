import Link from 'next/link';
import { formatDuration, KIND_LABEL, plural } from '@/components/calls/screen/format';
import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { CallStatus, CallSummary } from '@/lib/calls/types';
import { CALL_STATUS_LABELS } from '@/lib/calls/types';
import { formatTokens } from '@/lib/payments/format-money';

/** Badge colour per status (labels: CALL_STATUS_LABELS). */
const STATUS_VARIANT: Record<CallStatus, 'secondary' | 'success' | 'warning' | 'outline'> = {
  requested: 'warning',
  accepted: 'warning',
  connected: 'success',
  declined: 'outline',
  expired: 'outline',
  cancelled: 'outline',
  ended: 'secondary',
};

const dash = <span className="text-muted-foreground">—</span>;

/**
 * The viewer's calls, newest first; each row opens the call (its statement once ended). Creators also see
 * their share of each call they took.
 */
export function CallsTable({ calls, viewerId }: { calls: CallSummary[]; viewerId: string }) {
  const showShare = calls.some((c) => c.creator.id === viewerId);
  return (
    <>
      <CallsList calls={calls} viewerId={viewerId} />
      <Table containerClassName="hidden sm:block">
        <TableHeader>
          <TableRow>
            <TableHead>Date</TableHead>
            <TableHead>With</TableHead>
            <TableHead>Kind</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Duration</TableHead>
            <TableHead className="text-right">Billed</TableHead>
            <TableHead className="text-right">Total</TableHead>
            {showShare ? <TableHead className="text-right">Your share</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {calls.map((c) => {
            const asCreator = c.creator.id === viewerId;
            const other = asCreator ? c.fan : c.creator;
            const duration =
              c.connectedAt && c.endedAt ? Date.parse(c.endedAt) - Date.parse(c.connectedAt) : null;
            const status = c.status;
            return (
              <TableRow key={c.id} className="relative" data-testid="call-row">
                <TableCell className="whitespace-nowrap">
                  {/* The link covers the whole row (after:inset-0), so any cell opens the call. */}
                  <Link
                    href={`/calls/${c.id}`}
                    className="font-medium underline-offset-4 after:absolute after:inset-0 hover:underline focus-visible:outline-none focus-visible:after:rounded-sm focus-visible:after:ring-2 focus-visible:after:ring-ring"
                  >
                    <LocalTime value={c.connectedAt ?? c.requestedAt} />
                  </Link>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {other.displayName}
                  <span className="ml-1 text-xs text-muted-foreground">{asCreator ? 'fan' : 'creator'}</span>
                </TableCell>
                <TableCell className="whitespace-nowrap">{KIND_LABEL[c.kind]}</TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[status]}>{CALL_STATUS_LABELS[status]}</Badge>
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  {duration === null ? dash : formatDuration(duration)}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  {c.billedMinutes === null ? dash : plural(c.billedMinutes, 'min', 'min')}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  {c.total === null ? dash : `${formatTokens(c.total)} tokens`}
                </TableCell>
                {showShare ? (
                  <TableCell className="text-right whitespace-nowrap tabular-nums">
                    {asCreator && c.creatorShare !== null ? `${formatTokens(c.creatorShare)} tokens` : dash}
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}

/** Small screens: one card per call instead of a table that would scroll sideways. */
function CallsList({ calls, viewerId }: { calls: CallSummary[]; viewerId: string }) {
  return (
    <ul className="divide-y rounded-lg border sm:hidden">
      {calls.map((c) => {
        const asCreator = c.creator.id === viewerId;
        const other = asCreator ? c.fan : c.creator;
        const duration =
          c.connectedAt && c.endedAt ? Date.parse(c.endedAt) - Date.parse(c.connectedAt) : null;
        const status = c.status;
        const amount = asCreator ? c.creatorShare : c.total;
        return (
          <li key={c.id} data-testid="call-card">
            <Link
              href={`/calls/${c.id}`}
              className="flex items-start justify-between gap-3 px-4 py-3 outline-none hover:bg-muted/50 focus-visible:ring-2 focus-visible:ring-ring"
            >
              <span className="min-w-0 space-y-1">
                <span className="block truncate font-medium">{other.displayName}</span>
                <span className="block text-xs text-muted-foreground">
                  <LocalTime value={c.connectedAt ?? c.requestedAt} />
                </span>
                <span className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                  <Badge variant={STATUS_VARIANT[status]}>{CALL_STATUS_LABELS[status]}</Badge>
                  {KIND_LABEL[c.kind]}
                  {duration !== null ? ` · ${formatDuration(duration)}` : null}
                </span>
              </span>
              <span className="shrink-0 text-right text-sm tabular-nums">
                {amount === null ? (
                  dash
                ) : (
                  <>
                    <span className="block font-semibold">{formatTokens(amount)} tokens</span>
                    <span className="block text-xs text-muted-foreground">
                      {asCreator ? 'your share' : 'total'}
                      {c.billedMinutes !== null ? ` · ${plural(c.billedMinutes, 'min', 'min')}` : ''}
                    </span>
                  </>
                )}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
