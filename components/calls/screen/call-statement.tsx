import { Receipt } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { StatementMinute } from '@/lib/calls/history';
import { BILLING_RULE, type CallSummary, END_REASON_LABELS } from '@/lib/calls/types';
import { formatTokens } from '@/lib/payments/format-money';
import { formatDuration, KIND_LABEL, plural } from './format';
import { ZonedTime } from './zoned-time';

export interface StatementData {
  call: CallSummary;
  minutes: StatementMinute[];
  billingRule?: string;
}

function Row({
  term,
  children,
  strong = false,
}: {
  term: string;
  children: React.ReactNode;
  strong?: boolean;
}) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 border-b py-2 last:border-0">
      <dt className="text-sm text-muted-foreground">{term}</dt>
      <dd className={strong ? 'font-semibold tabular-nums' : 'tabular-nums'}>{children}</dd>
    </div>
  );
}

/** The itemised statement of an ended call, the same for both participants. */
export function CallStatement({ statement }: { statement: StatementData }) {
  const { call, minutes } = statement;
  const connected = call.connectedAt !== null;
  const duration =
    call.connectedAt && call.endedAt ? Date.parse(call.endedAt) - Date.parse(call.connectedAt) : null;
  const tokens = (n: number | null) => `${formatTokens(n ?? 0)} tokens`;

  return (
    <Card aria-labelledby="call-statement-title">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <Receipt aria-hidden className="size-5 text-muted-foreground" />
          <CardTitle as="h2" id="call-statement-title">
            Call statement
          </CardTitle>
          <Badge variant="secondary">{KIND_LABEL[call.kind]}</Badge>
        </div>
        <CardDescription>
          {KIND_LABEL[call.kind]} between {call.fan.displayName} (fan) and {call.creator.displayName}{' '}
          (creator).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-2">
        <dl>
          <Row term="Started">
            {call.connectedAt ? <ZonedTime value={call.connectedAt} /> : 'Never connected'}
          </Row>
          <Row term="Ended">{call.endedAt ? <ZonedTime value={call.endedAt} /> : '—'}</Row>
          <Row term="Connected for">{duration === null ? '—' : formatDuration(duration)}</Row>
          <Row term="Billed minutes">{plural(call.billedMinutes ?? 0, 'minute')}</Row>
          <Row term="Rate">{`${formatTokens(call.rate)} tokens / minute`}</Row>
          <Row term="Total" strong>
            {tokens(call.total)}
          </Row>
          <Row term="Creator share">{tokens(call.creatorShare)}</Row>
          <Row term="Platform fee">{tokens(call.platformFee)}</Row>
          <Row term="Reason">{call.endReason ? END_REASON_LABELS[call.endReason] : '—'}</Row>
        </dl>
        <div className="min-w-0 space-y-3">
          <h3 className="text-sm font-semibold">Minutes charged</h3>
          {minutes.length === 0 ? (
            <p className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">
              {connected
                ? 'No minute was charged: the call ended within the free first 10 seconds.'
                : 'Nothing was charged: the call never connected.'}
            </p>
          ) : (
            <Table containerClassName="max-h-80 overflow-y-auto rounded-lg border">
              <TableHeader>
                <TableRow>
                  <TableHead>Minute</TableHead>
                  <TableHead className="text-right">Charged</TableHead>
                  <TableHead className="text-right">Creator</TableHead>
                  <TableHead className="text-right">Fee</TableHead>
                  <TableHead className="hidden sm:table-cell">Settled</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {minutes.map((m) => (
                  <TableRow key={m.minuteIndex}>
                    <TableCell className="tabular-nums">{m.minuteIndex + 1}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatTokens(m.amount)}</TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatTokens(m.amount - m.fee)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatTokens(m.fee)}</TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">
                      {m.settledBy === 'end' ? 'At the end' : 'Minute boundary'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </div>
      </CardContent>
      <CardContent>
        <p className="rounded-lg bg-muted px-4 py-3 text-sm text-muted-foreground">
          <span className="font-medium text-foreground">Billing rule: </span>
          {statement.billingRule ?? BILLING_RULE}
        </p>
      </CardContent>
    </Card>
  );
}
