import Link from 'next/link';
import { LocalTime } from '@/components/ui/local-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { cn } from '@/lib/utils/cn';

export interface HistoryTableRow {
  id: number;
  createdAt: string;
  kind: string;
  counterparty: { username: string; name: string | null } | null;
  amount: number;
  amountLabel: string;
  balanceAfter: string;
  memo: string | null;
  /** 'Wallet' (purchased tokens) or 'Earnings' (a creator's earned tokens): balance after is per account. */
  account: 'Wallet' | 'Earnings';
}

/**
 * Wallet history: one row per ledger entry of the viewer's accounts, newest first. A creator has two
 * accounts (purchased and earned tokens); then an Account column says which one each balance belongs to.
 */
export function HistoryTable({ rows }: { rows: HistoryTableRow[] }) {
  const showAccount = rows.some((r) => r.account === 'Earnings');
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Date</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead>Counterparty</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          {showAccount ? <TableHead>Account</TableHead> : null}
          <TableHead className="text-right">Balance after</TableHead>
          <TableHead>Memo</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid="history-row">
            <TableCell className="whitespace-nowrap text-muted-foreground">
              <LocalTime value={r.createdAt} />
            </TableCell>
            <TableCell>{r.kind}</TableCell>
            <TableCell>
              {r.counterparty ? (
                <Link
                  href={`/creators/${r.counterparty.username}`}
                  className="underline-offset-4 hover:underline"
                >
                  {r.counterparty.name ?? `@${r.counterparty.username}`}
                </Link>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
            <TableCell
              className={cn(
                'text-right font-medium tabular-nums whitespace-nowrap',
                r.amount > 0 && 'text-success',
                r.amount < 0 && 'text-destructive',
              )}
            >
              {r.amountLabel}
            </TableCell>
            {showAccount ? <TableCell className="text-muted-foreground">{r.account}</TableCell> : null}
            <TableCell className="text-right tabular-nums text-muted-foreground">{r.balanceAfter}</TableCell>
            <TableCell
              className="max-w-72 truncate text-sm text-muted-foreground"
              title={r.memo ?? undefined}
            >
              {r.memo ?? ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
