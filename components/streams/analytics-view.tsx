import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatTokens } from '@/lib/payments/format-money';
import type { StreamAnalytics, Supporter } from '@/lib/streams/types';
import { formatDuration } from './format';

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-xl border bg-card p-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {note ? <dd className="mt-0.5 text-xs text-muted-foreground">{note}</dd> : null}
    </div>
  );
}

/** Post-stream figures (computed in SQL from server-side heartbeats, chat and the ledger). */
export function AnalyticsView({
  analytics: a,
  supporters,
}: {
  analytics: StreamAnalytics;
  supporters: Supporter[];
}) {
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="stream-analytics">
        <Figure label="Duration" value={formatDuration(a.durationSeconds)} />
        <Figure label="Peak viewers" value={String(a.peakViewers)} />
        <Figure label="Average viewers" value={a.averageViewers.toFixed(1)} note="watch time ÷ duration" />
        <Figure label="Unique viewers" value={String(a.uniqueViewers)} />
        <Figure
          label="Chat messages"
          value={String(a.chatMessages)}
          note={a.deletedMessages ? `${a.deletedMessages} deleted by you` : undefined}
        />
        <Figure
          label="Tips"
          value={`${formatTokens(a.tipsTotal)} tokens`}
          note={`${a.tipsCount} ${a.tipsCount === 1 ? 'tip' : 'tips'}`}
        />
        <Figure
          label="Gifts"
          value={`${formatTokens(a.giftsTotal)} tokens`}
          note={`${a.giftsCount} ${a.giftsCount === 1 ? 'gift' : 'gifts'}`}
        />
        <Figure
          label="You earned"
          value={`${formatTokens(a.creatorEarned)} tokens`}
          note="after the platform fee"
        />
      </dl>
      <section aria-labelledby="supporters-title" className="space-y-2">
        <h2 id="supporters-title" className="text-lg font-semibold">
          Top supporters
        </h2>
        {supporters.length === 0 ? (
          <p className="text-sm text-muted-foreground">No tips or gifts during this stream.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="w-10">#</TableHead>
                <TableHead>Supporter</TableHead>
                <TableHead className="text-right">Tips</TableHead>
                <TableHead className="text-right">Gifts</TableHead>
                <TableHead className="text-right">Tokens</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {supporters.map((s, i) => (
                <TableRow key={s.userId}>
                  <TableCell className="tabular-nums">{i + 1}</TableCell>
                  <TableCell>
                    <span className="font-medium">{s.displayName}</span>{' '}
                    <span className="text-muted-foreground">@{s.username}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{s.tips}</TableCell>
                  <TableCell className="text-right tabular-nums">{s.gifts}</TableCell>
                  <TableCell className="text-right font-medium tabular-nums">
                    {formatTokens(s.total)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
