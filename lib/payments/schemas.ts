import { z } from 'zod';
import { TRANSFER_KINDS, type TransferKind } from '@/lib/ledger/types';

/**
 * One zod schema per payments resource, shared by the browser forms and the route handlers.
 * Limits mirror the SQL checks (tip amount 1..100000, message ≤ 280) so the form says no before the
 * database has to; the database still decides.
 */

export const TIP_MIN = 1;
export const TIP_MAX = 100_000;
export const TIP_MESSAGE_MAX = 280;
export const TIP_PRESETS = [10, 50, 100] as const;

/** The kinds a fan's wallet can show today (the history filter offers these). */
export const WALLET_FILTER_KINDS = [
  'purchase',
  'tip',
  'refund',
  'dispute',
  'adjustment',
] as const satisfies readonly TransferKind[];

export const KIND_LABELS: Record<TransferKind, string> = {
  purchase: 'Purchase',
  tip: 'Tip',
  refund: 'Refund',
  dispute: 'Dispute',
  adjustment: 'Adjustment',
  call_minute: 'Call',
  message: 'Message',
  subscription: 'Subscription',
  order: 'Order',
  payout: 'Payout',
};

const PackageId = z
  .string({ error: 'Choose a token package' })
  .trim()
  .min(1, { error: 'Choose a token package' })
  .max(40, { error: 'Unknown token package' })
  .regex(/^[a-z0-9_]+$/, { error: 'Unknown token package' });

export const CheckoutSchema = z.object({ packageId: PackageId });
export type CheckoutInput = z.infer<typeof CheckoutSchema>;

export const TipAmount = z
  .number({ error: 'Enter a whole number of tokens' })
  .int({ error: 'Enter a whole number of tokens' })
  .min(TIP_MIN, { error: `Tip at least ${TIP_MIN} token` })
  .max(TIP_MAX, { error: `Tip at most ${TIP_MAX.toLocaleString('en')} tokens` });

export const TipMessage = z
  .string()
  .trim()
  .max(TIP_MESSAGE_MAX, { error: `Keep the message to ${TIP_MESSAGE_MAX} characters` });

export const TipSchema = z.object({
  creatorId: z.uuid({ error: 'Not a creator id' }),
  amount: TipAmount,
  message: TipMessage.optional(),
  /** Generated once per submission by the client, so a double click or a retry cannot tip twice. */
  idempotencyKey: z
    .string({ error: 'idempotencyKey is required' })
    .min(8, { error: 'idempotencyKey is too short' })
    .max(100, { error: 'idempotencyKey is too long' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'idempotencyKey may use letters, digits, - and _' }),
});
export type TipInput = z.infer<typeof TipSchema>;

export const HistoryQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  kind: z.enum(TRANSFER_KINDS, { error: 'Unknown transfer kind' }).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export const LocalSessionId = z
  .string({ error: 'session is required' })
  .regex(/^cs_local_[A-Za-z0-9]{16,64}$/, { error: 'Not a checkout session id' });

export const LocalPaySchema = z.object({ sessionId: LocalSessionId });
export type LocalPayInput = z.infer<typeof LocalPaySchema>;
