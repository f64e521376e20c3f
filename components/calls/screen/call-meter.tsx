'use client';

import { AlertTriangle, Clock, Coins, Hourglass, Receipt } from 'lucide-react';
import Link from 'next/link';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import type { CallSummary } from '@/lib/calls/types';
import { formatTokens } from '@/lib/payments/format-money';
import { formatClock, plural } from './format';
import { useNow } from './use-now';

/** When the money runs out, the warning shows this long before. */
export const FUNDS_WARNING_MS = 60_000;

export interface Funding {
  /** Funded minutes left: the rest of the held minutes plus what the wallet can still pay. */
  minutes: number;
  /** When the last fundable minute ends (ms, server clock). */
  projectedEnd: number;
}

export function fundingAt(now: number, fundedUntil: string | null, walletMinutes: number): Funding | null {
  if (!fundedUntil) return null;
  const until = Date.parse(fundedUntil);
  const heldLeft = Math.max(0, Math.ceil((until - now) / 60_000));
  return { minutes: heldLeft + walletMinutes, projectedEnd: until + walletMinutes * 60_000 };
}

function Stat({
  icon: Icon,
  label,
  children,
  testId,
}: {
  icon: typeof Clock;
  label: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="flex items-start gap-3">
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
      <div className="min-w-0">
        <dt className="text-xs text-muted-foreground">{label}</dt>
        <dd className="font-semibold tabular-nums" data-testid={testId}>
          {children}
        </dd>
      </div>
    </div>
  );
}

/**
 * The live numbers of a connected call: elapsed time from the database's connect time, the rate, the fan's
 * remaining funded minutes, and a warning once the money runs out within a minute.
 */
export function CallMeter({
  call,
  fundedUntil,
  walletMinutes,
  offsetMs,
  isFan,
}: {
  call: CallSummary;
  fundedUntil: string | null;
  walletMinutes: number;
  offsetMs: number;
  isFan: boolean;
}) {
  const now = useNow(offsetMs);
  const elapsed = now !== null && call.connectedAt ? now - Date.parse(call.connectedAt) : null;
  const funding = now !== null ? fundingAt(now, fundedUntil, walletMinutes) : null;

  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-1">
      <Stat icon={Clock} label="Elapsed" testId="call-elapsed">
        <span className="text-2xl">{elapsed === null ? '–:––' : formatClock(elapsed)}</span>
      </Stat>
      <Stat icon={Coins} label="Rate">
        {formatTokens(call.rate)} tokens / min
      </Stat>
      <Stat
        icon={Hourglass}
        label={isFan ? 'Your funded minutes left' : 'Fan’s funded minutes left'}
        testId="call-funded"
      >
        {funding ? plural(funding.minutes, 'minute') : '—'}
      </Stat>
      <Stat icon={Receipt} label="Charged so far">
        {formatTokens(call.postedMinutes * call.rate)} tokens
        {call.heldMinutes > call.postedMinutes ? (
          <span className="block text-xs font-normal text-muted-foreground">
            + {formatTokens((call.heldMinutes - call.postedMinutes) * call.rate)} held for the current minute
          </span>
        ) : null}
      </Stat>
    </dl>
  );
}

/**
 * Shown from 60 s before the fan's money runs out (projected end = funded boundary + what the wallet can
 * still pay). The countdown is visual only: the alert is announced once, not every second.
 */
export function FundsWarning({
  fundedUntil,
  walletMinutes,
  offsetMs,
  isFan,
}: {
  fundedUntil: string | null;
  walletMinutes: number;
  offsetMs: number;
  isFan: boolean;
}) {
  const now = useNow(offsetMs);
  const funding = now !== null ? fundingAt(now, fundedUntil, walletMinutes) : null;
  const remaining = funding && now !== null ? funding.projectedEnd - now : null;
  if (remaining === null || remaining > FUNDS_WARNING_MS) return null;
  return (
    <Alert variant="destructive" data-testid="funds-warning">
      <AlertTriangle aria-hidden />
      <AlertTitle>
        {remaining > 0 ? 'Less than a minute of funding left' : 'Funds have run out — the call is ending'}
        {remaining > 0 ? (
          // Visual countdown only: a live region must not re-announce every second.
          <span aria-hidden className="ml-2 tabular-nums">
            {formatClock(remaining)}
          </span>
        ) : null}
      </AlertTitle>
      <AlertDescription>
        {isFan ? (
          <p>
            The call ends when your tokens can’t pay the next minute.{' '}
            <Link
              href="/wallet"
              target="_blank"
              rel="noopener"
              className="font-medium underline underline-offset-4"
            >
              Buy tokens (opens in a new tab)
            </Link>{' '}
            to keep talking.
          </p>
        ) : (
          <p>The fan’s tokens can’t pay for more; the call ends when the paid time is over.</p>
        )}
      </AlertDescription>
    </Alert>
  );
}
