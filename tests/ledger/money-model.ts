import { fail, fee, LedgerModel, ok, type Outcome, type SessionSpec } from './model';

/**
 * The ledger model extended with the money paths of subscriptions, the shop and payouts: the same users
 * (wallet, earnings) and platform revenue as LedgerModel, so one sequence can mix tips and purchases with
 * subscribes, renewals, orders and payouts, and every balance is compared against one model. As naive as
 * its parent: the rules are written out plainly, in the order the SQL functions check them.
 */

export interface SubModel {
  id: string;
  fan: number;
  creator: number;
  status: 'active' | 'grace' | 'expired';
  cancel: boolean;
  /** End of the paid period, in months after the start of the sequence. */
  end: number;
}

export interface PayoutModel {
  id: string;
  creator: number;
  amount: number;
  status: 'requested' | 'paid' | 'returned';
}

export type RenewOutcome = 'renewed' | 'grace' | 'expired';

export class MoneyModel extends LedgerModel {
  /** Current tier price per creator (one tier each). */
  price = new Map<number, number>();
  /** Units left per creator's one product (null = unlimited). */
  stock = new Map<number, number | null>();
  productPrice = new Map<number, number>();
  subs: SubModel[] = [];
  payouts: PayoutModel[] = [];
  /** Tokens requested for payout and not yet paid or returned. */
  payoutClearing = 0;
  month = 0;

  constructor(
    userCount: number,
    creators: Set<number>,
    sessions: SessionSpec[],
    private readonly minPayout: number,
  ) {
    super(userCount, creators, sessions);
  }

  private wallet(u: number): number {
    return this.users[u]?.wallet ?? 0;
  }

  /** A sale at the platform fee: the fan's wallet pays, the creator earns the rest. */
  private charge(fan: number, creator: number, amount: number): boolean {
    const f = this.users[fan];
    const c = this.users[creator];
    if (!f || !c || f.wallet < amount) return false;
    f.wallet -= amount;
    c.earnings += amount - fee(amount);
    this.platform += fee(amount);
    return true;
  }

  live(fan: number, creator: number): SubModel | undefined {
    return this.subs.find((s) => s.fan === fan && s.creator === creator && s.status !== 'expired');
  }

  /** public.subscribe: resume a cancelled sub inside its period, refuse a second one, else charge month one. */
  subscribe(fan: number, creator: number): Outcome<{ resumed: boolean }> {
    const live = this.live(fan, creator);
    if (live) {
      if (live.cancel && live.status === 'active' && live.end > this.month) {
        live.cancel = false;
        return ok({ resumed: true });
      }
      return fail('CO409');
    }
    const price = this.price.get(creator) ?? 0;
    if (this.wallet(fan) < price) return fail('CO402');
    this.charge(fan, creator, price);
    return ok({ resumed: false });
  }

  /** Records the id Postgres gave a new subscription. */
  addSubscription(id: string, fan: number, creator: number) {
    this.subs.push({ id, fan, creator, status: 'active', cancel: false, end: this.month + 1 });
  }

  /** Cancel: access to the end of the paid period; a subscription in grace ends at once. */
  cancel(sub: SubModel) {
    if (sub.status === 'grace') sub.status = 'expired';
    else sub.cancel = true;
  }

  /**
   * One run of the renewal job a month later. `order` is the job's order (oldest period end, then id),
   * which decides who renews when one wallet covers only some of its due subscriptions.
   */
  renew(order: (id: string) => number): Map<string, RenewOutcome> {
    this.month += 1;
    const out = new Map<string, RenewOutcome>();
    const due = this.subs
      .filter((s) => s.status !== 'expired' && s.end <= this.month)
      .sort((a, b) => order(a.id) - order(b.id));
    for (const s of due) {
      if (s.cancel) s.status = 'expired';
      else if (this.charge(s.fan, s.creator, this.price.get(s.creator) ?? 0)) {
        s.status = 'active';
        s.end += 1;
      } else s.status = s.status === 'grace' ? 'expired' : 'grace';
      out.set(s.id, s.status === 'active' ? 'renewed' : s.status);
    }
    return out;
  }

  /** public.purchase_product: tokens first, then stock; both or nothing. */
  buy(fan: number, creator: number): Outcome<null> {
    const price = this.productPrice.get(creator) ?? 0;
    if (this.wallet(fan) < price) return fail('CO402');
    const left = this.stock.get(creator) ?? null;
    if (left !== null && left < 1) return fail('CO409');
    this.charge(fan, creator, price);
    if (left !== null) this.stock.set(creator, left - 1);
    return ok(null);
  }

  /** public.request_payout: at least the minimum, at most what was earned; tokens go to clearing. */
  requestPayout(creator: number, amount: number): Outcome<null> {
    if (amount < this.minPayout) return fail('CO422');
    const c = this.users[creator];
    if (!c || amount > c.earnings) return fail('CO402');
    c.earnings -= amount;
    this.payoutClearing += amount;
    return ok(null);
  }

  addPayout(id: string, creator: number, amount: number) {
    this.payouts.push({ id, creator, amount, status: 'requested' });
  }

  /** An admin decision, then the transfer's result: paid, or the tokens back to the creator's earnings. */
  decide(p: PayoutModel, how: 'approve' | 'reject' | 'fail'): Outcome<PayoutModel['status']> {
    if (p.status !== 'requested') return fail('CO409');
    this.payoutClearing -= p.amount;
    if (how === 'approve') p.status = 'paid';
    else {
      p.status = 'returned';
      const c = this.users[p.creator];
      if (c) c.earnings += p.amount;
    }
    return ok(p.status);
  }
}
