/** Shapes of the token ledger's read and write API (the SQL functions are the source of truth). */

export const TRANSFER_KINDS = [
  'purchase',
  'tip',
  'refund',
  'dispute',
  'adjustment',
  'call_minute',
  'message',
  'subscription',
  'order',
  'payout',
] as const;

export type TransferKind = (typeof TRANSFER_KINDS)[number];

export interface TokenPackage {
  id: string;
  tokens: number;
  price_cents: number;
  currency: string;
  active: boolean;
  sort: number;
}

export interface Wallet {
  balance: number;
  /** True while a refund or chargeback has left the wallet below zero: spending is blocked until repaid. */
  flagged: boolean;
}

export interface HistoryRow {
  entry_id: number;
  transfer_id: number;
  created_at: Date;
  kind: TransferKind;
  /** Signed, from the viewer's account: negative when tokens left it. */
  amount: number;
  balance_after: number;
  counterparty_username: string | null;
  counterparty_display_name: string | null;
  /** Tip message, package name… */
  memo: string | null;
  /** Which of the caller's accounts the entry is on: purchased tokens or earned tokens (creators). */
  account_kind: 'fan_wallet' | 'creator_earnings';
}

export interface Earnings {
  available: number;
  lifetime_earned: number;
  platform_fee_paid: number;
  usd_cents_per_token: number;
  by_source: { kind: TransferKind; tokens: number; count: number }[];
}

export interface LedgerAccountRow {
  id: number;
  kind: string;
  owner_username: string | null;
  shard: number;
  balance: number;
  version: number;
  flagged: boolean;
}

export interface LedgerEntryRow {
  entry_id: number;
  transfer_id: number;
  kind: string;
  amount: number;
  balance_after: number;
  account_version: number;
  created_at: Date;
  memo: string | null;
}

export interface InvariantReport {
  ok: boolean;
  checked_at: Date;
  checks: { name: string; ok: boolean; detail: string }[];
}
