import 'server-only';
import { type Page, toPage } from '@/lib/db/page';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { writeLog } from '@/lib/log/log';
import { stripeClient } from '@/lib/payments/stripe-client';
import { payoutMode } from './account';

export type PayoutStatus = 'requested' | 'processing' | 'paid' | 'rejected' | 'failed';

export interface Payout {
  id: string;
  creatorId: string;
  creatorUsername?: string;
  amount: number;
  usdCents: number;
  status: PayoutStatus;
  source: 'manual' | 'auto';
  reason: string | null;
  stripeTransferId: string | null;
  createdAt: string;
  decidedAt: string | null;
  settledAt: string | null;
}

interface Row {
  id: string;
  creator_id: string;
  creator_username?: string;
  amount: string;
  usd_cents: string;
  status: PayoutStatus;
  source: 'manual' | 'auto';
  reason: string | null;
  stripe_transfer_id: string | null;
  created_at: Date;
  decided_at: Date | null;
  settled_at: Date | null;
  total_count?: string;
}

export const toPayout = (r: Row): Payout => ({
  id: r.id,
  creatorId: r.creator_id,
  creatorUsername: r.creator_username,
  amount: Number(r.amount),
  usdCents: Number(r.usd_cents),
  status: r.status,
  source: r.source,
  reason: r.reason,
  stripeTransferId: r.stripe_transfer_id,
  createdAt: r.created_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
  settledAt: r.settled_at?.toISOString() ?? null,
});

export async function requestPayout(claims: Claims, amount: number): Promise<Payout> {
  const r = await asUser(claims, (db) => db.query<Row>('select * from public.request_payout($1)', [amount]));
  return toPayout(r.rows[0] as Row);
}

export async function setAutoWeekly(claims: Claims, enabled: boolean): Promise<void> {
  await asUser(claims, (db) => db.query('select public.set_payout_auto_weekly($1)', [enabled]));
}

export interface PayoutSummary {
  available: number;
  pending: number;
  paid: number;
  minTokens: number;
  usdCentsPerToken: number;
}

export async function payoutSummary(claims: Claims): Promise<PayoutSummary> {
  const r = await asUser(claims, (db) =>
    db.query<{
      available: string;
      pending: string;
      paid: string;
      min_tokens: number;
      usd_cents_per_token: number;
    }>('select * from public.my_payout_summary()'),
  );
  const x = r.rows[0];
  return {
    available: Number(x?.available ?? 0),
    pending: Number(x?.pending ?? 0),
    paid: Number(x?.paid ?? 0),
    minTokens: x?.min_tokens ?? 0,
    usdCentsPerToken: x?.usd_cents_per_token ?? 0,
  };
}

/** The caller's payouts (a creator), or every payout (an admin, with `all`), newest first; RLS decides. */
export async function listPayouts(
  claims: Claims,
  opts: { all?: boolean; status?: PayoutStatus; page?: number; pageSize?: number } = {},
): Promise<Page<Payout>> {
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 20;
  const r = await asUser(claims, (db) =>
    db.query<Row>(
      `select p.*, pr.username as creator_username, count(*) over () as total_count
         from public.payouts p join public.profiles pr on pr.id = p.creator_id
        where ($1 or p.creator_id = auth.uid()) and ($2::text is null or p.status = $2)
        order by (p.status in ('requested', 'processing')) desc, p.created_at desc, p.id
        limit $3 offset $4`,
      [opts.all === true, opts.status ?? null, pageSize, (page - 1) * pageSize],
    ),
  );
  return toPage(r.rows as (Row & { total_count: string })[], page, pageSize, toPayout);
}

/** Sends the money for a processing payout: a Stripe transfer (idempotency key = payout id) or a simulation. */
export type TransferFn = (p: {
  payoutId: string;
  creatorId: string;
  usdCents: number;
}) => Promise<{ ok: true; transferId: string } | { ok: false; reason: string }>;

export const defaultTransfer: TransferFn = async (p) => {
  if (payoutMode() === 'simulated')
    return { ok: true, transferId: `sim_tr_${p.payoutId.replaceAll('-', '')}` };
  const acct = await asService((db) =>
    db.query<{ stripe_account_id: string | null; status: string }>(
      'select stripe_account_id, status from public.payout_accounts where creator_id = $1',
      [p.creatorId],
    ),
  );
  const destination = acct.rows[0]?.stripe_account_id;
  if (!destination || acct.rows[0]?.status !== 'ready')
    return { ok: false, reason: 'The Stripe account is not ready' };
  try {
    const t = await stripeClient().transfers.create(
      { amount: p.usdCents, currency: 'usd', destination, metadata: { payout_id: p.payoutId } },
      { idempotencyKey: p.payoutId },
    );
    return { ok: true, transferId: t.id };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message.slice(0, 300) : 'Stripe transfer failed' };
  }
};

/** Executes a processing payout and records the outcome (idempotent: a settled payout is left as is). */
export async function executePayout(
  payoutId: string,
  transfer: TransferFn = defaultTransfer,
): Promise<Payout> {
  const cur = await asService((db) =>
    db.query<Row>('select * from public.payouts where id = $1', [payoutId]),
  );
  const p = cur.rows[0];
  if (!p) throw new AppError('NOT_FOUND', 'Payout not found');
  if (p.status !== 'processing') return toPayout(p);
  const result = await transfer({ payoutId, creatorId: p.creator_id, usdCents: Number(p.usd_cents) });
  const r = await asService((db) =>
    db.query<Row>('select * from private.settle_payout($1, $2, $3, $4)', [
      payoutId,
      result.ok,
      result.ok ? result.transferId : null,
      result.ok ? null : result.reason,
    ]),
  );
  if (!result.ok)
    await writeLog('warn', 'payouts.transfer', 'payout transfer failed, tokens returned', {
      payoutId,
      reason: result.reason,
    });
  return toPayout(r.rows[0] as Row);
}

/** Admin decision; an approval runs the transfer right away. */
export async function decidePayout(
  claims: Claims,
  payoutId: string,
  approve: boolean,
  reason: string | undefined,
  transfer: TransferFn = defaultTransfer,
): Promise<Payout> {
  const r = await asUser(claims, (db) =>
    db.query<Row>('select * from public.admin_decide_payout($1, $2, $3)', [
      payoutId,
      approve,
      reason ?? null,
    ]),
  );
  const decided = toPayout(r.rows[0] as Row);
  return approve ? executePayout(decided.id, transfer) : decided;
}

/** The weekly job: automatic payout requests (same SQL path as a manual request), left for admin approval. */
export async function requestAutoPayouts(now?: Date): Promise<{ requested: number }> {
  const r = await asService((db) =>
    db.query('select id from private.request_auto_payouts(coalesce($1::timestamptz, now()))', [now ?? null]),
  );
  return { requested: r.rowCount ?? 0 };
}

/** Payouts left processing (a crash between approval and transfer): transfer again — Stripe dedupes on the id. */
export async function retryProcessingPayouts(transfer: TransferFn = defaultTransfer): Promise<number> {
  const r = await asService((db) =>
    db.query<{ id: string }>(
      `select id from public.payouts where status = 'processing' and decided_at < now() - interval '5 minutes' limit 50`,
    ),
  );
  for (const row of r.rows) await executePayout(row.id, transfer);
  return r.rows.length;
}

/** The scheduled job: weekly automatic requests, and retries of interrupted transfers. */
export async function payoutsJob(): Promise<{ requested: number; retried: number }> {
  const { requested } = await requestAutoPayouts();
  return { requested, retried: await retryProcessingPayouts() };
}
