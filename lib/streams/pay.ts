import 'server-only';
import { asUser, type Claims, type Db } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { publishStream } from './publish';
import { type Gift, STREAM_EVENTS, type StreamEvent } from './types';

interface EventRow {
  stream_id: string;
  seq: string;
  kind: StreamEvent['kind'];
  sender_id: string;
  username: string;
  display_name: string;
  amount: string | null;
  gift_id: string | null;
  gift_name: string | null;
  gift_emoji: string | null;
  gift_price: string | null;
  message: string | null;
  product_id: string | null;
  product_name: string | null;
  created_at: Date;
}

function toEvent(r: EventRow): StreamEvent {
  return {
    streamId: r.stream_id,
    seq: Number(r.seq),
    kind: r.kind,
    sender: { id: r.sender_id, username: r.username, displayName: r.display_name },
    amount: Number(r.amount ?? 0),
    gift:
      r.gift_id && r.gift_name && r.gift_emoji
        ? { id: r.gift_id, name: r.gift_name, emoji: r.gift_emoji, price: Number(r.gift_price) }
        : null,
    message: r.message,
    product: r.product_id ? { id: r.product_id, name: r.product_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
  };
}

/** Events of a stream in seq order, after `afterSeq` (for catching up after a reconnect). */
export function listEvents(
  claims: Claims,
  streamId: string,
  afterSeq = 0,
  limit = 100,
): Promise<StreamEvent[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<EventRow>(
      `select * from (
         select e.stream_id, e.seq, e.kind, e.sender_id, p.username, p.display_name, e.amount,
                e.gift_id, g.name as gift_name, g.emoji as gift_emoji, g.price as gift_price, e.message,
                e.product_id, pr.name as product_name, e.created_at
           from public.stream_events e
           join public.profiles p on p.id = e.sender_id
           left join public.stream_gifts g on g.id = e.gift_id
           left join public.products pr on pr.id = e.product_id
          where e.stream_id = $1 and e.seq > $2 order by e.seq desc limit $3) x
        order by seq`,
      [streamId, afterSeq, Math.min(Math.max(limit, 1), 500)],
    );
    return r.rows.map(toEvent);
  });
}

export async function readEvent(db: Db, streamId: string, seq: number | string): Promise<StreamEvent> {
  const r = await db.query<EventRow>(
    `select e.stream_id, e.seq, e.kind, e.sender_id, p.username, p.display_name, e.amount,
            e.gift_id, g.name as gift_name, g.emoji as gift_emoji, g.price as gift_price, e.message,
            e.product_id, pr.name as product_name, e.created_at
       from public.stream_events e
       join public.profiles p on p.id = e.sender_id
       left join public.stream_gifts g on g.id = e.gift_id
       left join public.products pr on pr.id = e.product_id
      where e.stream_id = $1 and e.seq = $2`,
    [streamId, seq],
  );
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Event not found');
  return toEvent(row);
}

export interface PaidEvent {
  event: StreamEvent;
  balance: number;
  replayed: boolean;
}

async function pay(claims: Claims, streamId: string, sql: string, params: unknown[]): Promise<PaidEvent> {
  const r = await asUser(claims, async (db) => {
    const q = await db.query<{ seq: string; balance: string; replayed: boolean }>(sql, params);
    const row = q.rows[0];
    if (!row) throw new AppError('INTERNAL', 'stream payment returned no row');
    return {
      event: await readEvent(db, streamId, row.seq),
      balance: Number(row.balance),
      replayed: row.replayed,
    };
  });
  // A replay was already announced by the first request.
  if (!r.replayed) await publishStream(streamId, STREAM_EVENTS.event, r.event);
  return r;
}

/**
 * A tip during a stream: public.stream_tip → ledger.tip (same fee split as profile tips), charged once
 * per idempotency key. CO402 → 402 INSUFFICIENT_TOKENS and nothing moves.
 */
export function sendStreamTip(
  claims: Claims,
  streamId: string,
  i: { amount: number; message?: string; idempotencyKey: string },
): Promise<PaidEvent> {
  return pay(claims, streamId, 'select seq, balance, replayed from public.stream_tip($1, $2, $3, $4)', [
    streamId,
    i.amount,
    i.message ?? null,
    i.idempotencyKey,
  ]);
}

/** A gift from the catalog, priced in SQL (the browser never says what it costs). */
export function sendStreamGift(
  claims: Claims,
  streamId: string,
  i: { giftId: string; idempotencyKey: string },
): Promise<PaidEvent> {
  return pay(claims, streamId, 'select seq, balance, replayed from public.stream_gift($1, $2, $3)', [
    streamId,
    i.giftId,
    i.idempotencyKey,
  ]);
}

/** The active gift catalog, cheapest first. */
export function giftCatalog(claims: Claims | null): Promise<Gift[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ id: string; name: string; emoji: string; price: string }>(
      'select id, name, emoji, price from public.stream_gifts where active order by sort, price',
    );
    return r.rows.map((g) => ({ id: g.id, name: g.name, emoji: g.emoji, price: Number(g.price) }));
  });
}
