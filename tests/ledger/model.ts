/**
 * A small executable model of the ledger's rules (tips, Stripe purchases and reversals, holds), used by
 * the property test: the same operations are run here and against Postgres, and both must agree on every
 * outcome and every balance. Kept deliberately naive — plain numbers and maps, no sharding.
 */

export const FEE_BPS = 2000;
export const TIP_MAX = 100_000;
export const MESSAGE_MAX = 280;
export const PACKAGES = [
  { id: 'starter', tokens: 100, cents: 999 },
  { id: 'popular', tokens: 550, cents: 4999 },
  { id: 'best', tokens: 1200, cents: 9999 },
] as const;

export interface UserModel {
  wallet: number;
  earnings: number;
  held: number;
}

export interface SessionSpec {
  user: number;
  pkg: number;
  /** Reversal events of this session's payment intent: kind and amount (cents) are fixed per event id. */
  reversals: { kind: 'refund' | 'dispute'; cents: number }[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string };

interface HoldModel {
  dbId: number;
  payer: number;
  payee: number;
  amount: number;
  posted: number;
  released: number;
  status: 'open' | 'posted' | 'voided';
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = (code: string): Outcome<never> => ({ ok: false, code });
/** The platform's share of a sale or tip, rounded down. */
export const fee = (amount: number) => Math.floor((amount * FEE_BPS) / 10000);

export class LedgerModel {
  users: UserModel[];
  platform = 0;
  private seenEvents = new Set<string>();
  private credited = new Set<number>();
  /** Per session: reversal events received (applied or pending), in arrival order. */
  private reversals = new Map<number, { eventId: string; cents: number; applied: boolean }[]>();
  private reversedCents = new Map<number, number>();
  private reversedTokens = new Map<number, number>();
  /** Per payer and key: the parameters and the result of the tip that used it. */
  private tipKeys = new Map<string, { params: string; transferId: number; balance: number }>();
  holds: HoldModel[] = [];
  /** Set by purchase(): the credit took a negative (flagged) wallet back to zero or above. */
  wasRepaid = false;

  constructor(
    userCount: number,
    private readonly creators: Set<number>,
    private readonly sessions: SessionSpec[],
  ) {
    this.users = Array.from({ length: userCount }, () => ({ wallet: 0, earnings: 0, held: 0 }));
  }

  flagged(u: number): boolean {
    return (this.users[u]?.wallet ?? 0) < 0;
  }

  private user(u: number): UserModel {
    const m = this.users[u];
    if (!m) throw new Error(`no user ${u}`);
    return m;
  }

  purchase(s: number, eventId: string): Outcome<{ credited: boolean }> {
    this.wasRepaid = false;
    if (this.seenEvents.has(eventId)) return ok({ credited: false });
    this.seenEvents.add(eventId);
    if (this.credited.has(s)) return ok({ credited: false });
    this.credited.add(s);
    const spec = this.sessions[s] as SessionSpec;
    const before = this.user(spec.user).wallet;
    this.user(spec.user).wallet += PACKAGES[spec.pkg]?.tokens ?? 0;
    this.wasRepaid = before < 0 && this.user(spec.user).wallet >= 0;
    // Reversals that arrived first, in the order Postgres applies them (received_at, then event id; inside
    // one test transaction every received_at is equal).
    const pending = (this.reversals.get(s) ?? []).filter((r) => !r.applied);
    pending.sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    for (const r of pending) this.applyReversal(s, r);
    return ok({ credited: true });
  }

  reversal(s: number, eventId: string, cents: number): Outcome<{ reversed: boolean; tokens: number }> {
    if (this.seenEvents.has(eventId)) return ok({ reversed: false, tokens: 0 });
    this.seenEvents.add(eventId);
    const r = { eventId, cents, applied: false };
    const list = this.reversals.get(s) ?? [];
    list.push(r);
    this.reversals.set(s, list);
    if (!this.credited.has(s)) return ok({ reversed: false, tokens: 0 });
    const tokens = this.applyReversal(s, r);
    return ok({ reversed: tokens > 0, tokens });
  }

  private applyReversal(s: number, r: { cents: number; applied: boolean }): number {
    const spec = this.sessions[s] as SessionSpec;
    const pkg = PACKAGES[spec.pkg] as (typeof PACKAGES)[number];
    const priorCents = this.reversedCents.get(s) ?? 0;
    const priorTokens = this.reversedTokens.get(s) ?? 0;
    const target = Math.floor((pkg.tokens * Math.min(priorCents + r.cents, pkg.cents)) / pkg.cents);
    const tokens = Math.max(target - priorTokens, 0);
    this.reversedCents.set(s, priorCents + r.cents);
    this.reversedTokens.set(s, priorTokens + tokens);
    this.user(spec.user).wallet -= tokens;
    r.applied = true;
    return tokens;
  }

  /** The checks in ledger.tip's order. `key` is per payer; message is the raw text sent. */
  tip(
    from: number,
    to: number,
    amount: number,
    message: string | null,
    key: string,
  ): Outcome<{ replayOf?: { transferId: number; balance: number } }> {
    const msg = message?.trim() ? message.trim() : null;
    const params = JSON.stringify([to, amount, msg]);
    const prior = this.tipKeys.get(`${from}:${key}`);
    if (prior) {
      if (prior.params !== params) return fail('CO410');
      return ok({ replayOf: { transferId: prior.transferId, balance: prior.balance } });
    }
    if (amount < 1 || amount > TIP_MAX) return fail('CO422');
    if (msg !== null && msg.length > MESSAGE_MAX) return fail('CO422');
    if (from === to) return fail('CO422');
    if (!this.creators.has(to)) return fail('CO404');
    const payer = this.user(from);
    if (payer.wallet < 0 || payer.wallet < amount) return fail('CO402');
    payer.wallet -= amount;
    this.user(to).earnings += amount - fee(amount);
    this.platform += fee(amount);
    return ok({});
  }

  /** Records what Postgres returned for a successful first tip, for later replays. */
  rememberTip(
    from: number,
    to: number,
    amount: number,
    message: string | null,
    key: string,
    result: { transferId: number; balance: number },
  ) {
    const msg = message?.trim() ? message.trim() : null;
    this.tipKeys.set(`${from}:${key}`, { params: JSON.stringify([to, amount, msg]), ...result });
  }

  hold(from: number, to: number, amount: number): Outcome<{ index: number }> {
    if (from === to) return fail('CO422');
    const payer = this.user(from);
    if (payer.wallet < 0 || payer.wallet < amount) return fail('CO402');
    payer.wallet -= amount;
    payer.held += amount;
    this.holds.push({ dbId: 0, payer: from, payee: to, amount, posted: 0, released: 0, status: 'open' });
    return ok({ index: this.holds.length - 1 });
  }

  postHold(
    h: number,
    amount: number | null,
    final: boolean,
  ): Outcome<{ posted: number; remaining: number; status: string }> {
    const hold = this.holds[h] as HoldModel;
    if (hold.status !== 'open') return fail('CO409');
    const remaining = hold.amount - hold.posted - hold.released;
    const post = amount ?? remaining;
    if (post > remaining) return fail('CO422');
    const close = final || post === remaining;
    if (post === 0 && !close) return fail('CO422');
    const release = close ? remaining - post : 0;
    this.user(hold.payer).held -= post + release;
    this.user(hold.payer).wallet += release;
    this.user(hold.payee).earnings += post - fee(post);
    this.platform += fee(post);
    hold.posted += post;
    hold.released += release;
    if (close) hold.status = 'posted';
    return ok({
      posted: hold.posted,
      remaining: hold.amount - hold.posted - hold.released,
      status: hold.status,
    });
  }

  voidHold(h: number): Outcome<{ released: number }> {
    const hold = this.holds[h] as HoldModel;
    if (hold.status !== 'open') return fail('CO409');
    const remaining = hold.amount - hold.posted - hold.released;
    this.user(hold.payer).held -= remaining;
    this.user(hold.payer).wallet += remaining;
    hold.released += remaining;
    hold.status = 'voided';
    return ok({ released: hold.released });
  }
}
