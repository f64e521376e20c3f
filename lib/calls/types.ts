export type CallKind = 'video' | 'voice';
export type CallStatus =
  | 'requested'
  | 'accepted'
  | 'declined'
  | 'expired'
  | 'cancelled'
  | 'connected'
  | 'ended';
export type EndReason =
  | 'fan_ended'
  | 'creator_ended'
  | 'insufficient_funds'
  | 'no_heartbeat'
  | 'not_connected';

export interface Party {
  id: string;
  username: string;
  displayName: string;
}

/** A call as both participants see it (the public.calls row with names, camelCased). */
export interface CallSummary {
  id: string;
  kind: CallKind;
  status: CallStatus;
  rate: number;
  fan: Party;
  creator: Party;
  bookingId: string | null;
  requestedAt: string;
  expiresAt: string;
  answeredAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  heldMinutes: number;
  postedMinutes: number;
  billedMinutes: number | null;
  total: number | null;
  creatorShare: number | null;
  platformFee: number | null;
}

/** What the call screen polls and receives: the call, database time, and how far the money reaches. */
export interface CallState {
  call: CallSummary;
  serverNow: string;
  /** End of the last minute already held (connected calls). */
  fundedUntil: string | null;
  /** Further minutes the fan's wallet can pay at this call's rate. */
  walletMinutes: number;
}

export interface MediaToken {
  mode: 'agora' | 'simulated';
  appId: string;
  channel: string;
  uid: number;
  token: string;
  expiresAt: string;
}

export const OPEN_STATUSES: readonly CallStatus[] = ['requested', 'accepted', 'connected'];

/** The billing rule in one sentence: shown on every statement and in the README. */
export const BILLING_RULE =
  'Billed per started minute from the moment both of you joined, with the first 10 seconds free: 0–10 s costs nothing, 11–60 s one minute, 61–120 s two minutes, and so on.';

/** How each status reads to people (the badges on the call screen and in the history). */
export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  requested: 'Ringing',
  accepted: 'Joining',
  connected: 'Live',
  declined: 'Declined',
  expired: 'Missed',
  cancelled: 'Cancelled',
  ended: 'Ended',
};

export const END_REASON_LABELS: Record<EndReason, string> = {
  fan_ended: 'Ended by the fan',
  creator_ended: 'Ended by the creator',
  insufficient_funds: 'Ended when the fan’s tokens ran out',
  no_heartbeat: 'Ended after both participants lost connection',
  not_connected: 'Never connected',
};
