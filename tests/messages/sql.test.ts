import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser } from '@/lib/db/tx';
import { invariants, ownerClient, sqlstate } from '../ledger/helpers';
import {
  asOwner,
  balance,
  conversation,
  fundUser,
  people,
  send,
  setPrice,
  transferCount,
  uploadRow,
} from './helpers';

/** Messaging at the SQL level: the functions and RLS as the authenticated role, real concurrent connections. */

type Users = Awaited<ReturnType<typeof people>>;
let u: Users;
let conv: string;

beforeAll(async () => {
  u = await people();
  conv = await conversation(u.fan, u.creator);
});

afterAll(async () => {
  const owner = await ownerClient();
  try {
    const rows = await invariants(owner);
    expect(rows.filter((r) => !r.ok)).toEqual([]);
  } finally {
    await owner.end();
  }
});

describe('conversations', () => {
  it('is unique per pair, whichever side starts it, also when both start at once', async () => {
    const { fan, creator } = await people();
    const ids = await Promise.all([
      conversation(fan, creator),
      conversation(creator, fan),
      conversation(fan, creator),
      conversation(creator, fan),
    ]);
    expect(new Set(ids).size).toBe(1);
  });

  it('refuses a conversation with oneself (422) and with nobody (404)', async () => {
    expect(await sqlstate(conversation(u.fan, u.fan))).toBe('CO422');
    expect(
      await sqlstate(
        asUser(u.fan.claims, (db) =>
          db.query('select public.get_or_create_conversation($1)', [randomUUID()]),
        ),
      ),
    ).toBe('CO404');
  });
});

describe('RLS: only the two participants', () => {
  it('a participant reads the conversation and its messages', async () => {
    await send(u.fan, conv, { kind: 'text', body: 'hello there' });
    const rows = await asUser(u.creator.claims, async (db) => {
      const c = await db.query('select id from public.conversations where id = $1', [conv]);
      const m = await db.query('select body from public.messages where conversation_id = $1', [conv]);
      return { c: c.rowCount, m: m.rows.map((r) => r.body) };
    });
    expect(rows.c).toBe(1);
    expect(rows.m).toContain('hello there');
  });

  it('a third party sees no rows and every function answers 404', async () => {
    const seen = await asUser(u.other.claims, async (db) => {
      const c = await db.query('select id from public.conversations where id = $1', [conv]);
      const m = await db.query('select id from public.messages where conversation_id = $1', [conv]);
      return (c.rowCount ?? 0) + (m.rowCount ?? 0);
    });
    expect(seen).toBe(0);
    const as3 = (sql: string, params: unknown[]) =>
      sqlstate(asUser(u.other.claims, (db) => db.query(sql, params)));
    expect(await as3('select * from public.list_messages($1)', [conv])).toBe('CO404');
    expect(await as3('select * from public.mark_messages_as_read($1)', [conv])).toBe('CO404');
    expect(await sqlstate(send(u.other, conv, { kind: 'text', body: 'intruder' }))).toBe('CO404');
    const list = await asUser(u.other.claims, (db) =>
      db.query('select * from public.list_conversations(30, null, $1)', [conv]),
    );
    expect(list.rowCount).toBe(0);
  });

  it('API roles cannot write messages or read the private PPV tables', async () => {
    expect(
      await sqlstate(
        asUser(u.fan.claims, (db) =>
          db.query(
            `insert into public.messages (conversation_id, sender_id, recipient_id, kind, body, client_key)
             values ($1, $2, $3, 'text', 'forged', 'k-forged')`,
            [conv, u.fan.id, u.creator.id],
          ),
        ),
      ),
    ).toBe('42501');
    for (const sql of [
      'select * from private.ppv_media',
      'select * from private.message_unlocks',
      'select * from private.uploads',
    ]) {
      expect(await sqlstate(asUser(u.fan.claims, (db) => db.query(sql)))).toBe('42501');
    }
    expect(
      await sqlstate(asUser(u.fan.claims, (db) => db.query('update public.messages set read_at = now()'))),
    ).toBe('42501');
  });
});

describe('premium messages', () => {
  it('charges the fan the price (creator share + platform fee) with the insert', async () => {
    const { fan, creator } = await people();
    await setPrice(creator, 10);
    await fundUser(fan, 100);
    const c = await conversation(fan, creator);
    const m = await send(fan, c, { kind: 'text', body: 'paid hello' });
    expect(m.price).toBe(10);
    expect(m.transfer_id).not.toBeNull();
    expect(await balance(fan)).toBe(90);
    const legs = await asOwner(async (db) => {
      const r = await db.query<{ kind: string; amount: string }>(
        `select a.kind, e.amount from ledger.entries e join ledger.accounts a on a.id = e.account_id
          where e.transfer_id = $1 order by a.kind`,
        [m.transfer_id],
      );
      return r.rows
        .map((x) => [x.kind, Number(x.amount)])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    });
    expect(legs).toEqual([
      ['creator_earnings', 8],
      ['fan_wallet', -10],
      ['platform_revenue', 2],
    ]);
    // The creator replies for free; a creator never pays a fan's price.
    await send(creator, c, { kind: 'text', body: 'thanks' });
    expect(await balance(fan)).toBe(90);
  });

  it('charges exactly once under concurrent double clicks (same client key, separate connections)', async () => {
    const { fan, creator } = await people();
    await setPrice(creator, 7);
    await fundUser(fan, 50);
    const c = await conversation(fan, creator);
    const before = await transferCount('message');
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => send(fan, c, { kind: 'text', body: 'double click', key })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await balance(fan)).toBe(43);
    expect(await transferCount('message')).toBe(before + 1);
    const count = await asUser(fan.claims, (db) =>
      db.query('select count(*)::int as n from public.messages where conversation_id = $1', [c]),
    );
    expect(count.rows[0]?.n).toBe(1);
  });

  it('insufficient tokens → CO402, no message and no transfer', async () => {
    const { fan, creator } = await people();
    await setPrice(creator, 30);
    await fundUser(fan, 20);
    const c = await conversation(fan, creator);
    const before = await transferCount('message');
    expect(await sqlstate(send(fan, c, { kind: 'text', body: 'too poor' }))).toBe('CO402');
    expect(await balance(fan)).toBe(20);
    expect(await transferCount('message')).toBe(before);
    const n = await asUser(fan.claims, (db) =>
      db.query('select 1 from public.messages where conversation_id = $1', [c]),
    );
    expect(n.rowCount).toBe(0);
  });

  it('only creators set a price, within 0..10000', async () => {
    expect(await sqlstate(setPrice(u.fan, 5))).toBe('CO403');
    expect(await sqlstate(setPrice(u.creator, -1))).toBe('CO422');
    expect(await sqlstate(setPrice(u.creator, 0))).toBe('resolved');
  });
});

describe('tip messages', () => {
  it('go through ledger.tip (same split as profile tips) and are idempotent per client key', async () => {
    const { fan, creator } = await people();
    await fundUser(fan, 100);
    const c = await conversation(fan, creator);
    const before = await transferCount('tip');
    const key = randomUUID();
    const [a, b] = await Promise.all([
      send(fan, c, { kind: 'tip', amount: 25, body: 'for you', key }),
      send(fan, c, { kind: 'tip', amount: 25, body: 'for you', key }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await balance(fan)).toBe(75);
    expect(await transferCount('tip')).toBe(before + 1);
    expect(await sqlstate(send(fan, c, { kind: 'tip', amount: 500 }))).toBe('CO402');
    // A tip to a fan is refused.
    const fanToFan = await conversation(fan, u.other);
    expect(await sqlstate(send(fan, fanToFan, { kind: 'tip', amount: 1 }))).toBe('CO422');
  });
});

describe('pay-per-view', () => {
  async function ppvSetup(price = 15, tokens = 100) {
    const { fan, creator, other } = await people();
    await fundUser(fan, tokens);
    const c = await conversation(fan, creator);
    const upload = await uploadRow(creator);
    const m = await send(creator, c, { kind: 'ppv', uploadId: upload, amount: price, body: 'new set' });
    return { fan, creator, other, c, upload, m };
  }
  const listAs = (who: { claims: import('@/lib/db/tx').Claims }, c: string) =>
    asUser(who.claims, async (db) => {
      const r = await db.query<{ id: string; media_url: string | null; locked: boolean; kind: string }>(
        'select id, media_url, locked, kind from public.list_messages($1)',
        [c],
      );
      return r.rows;
    });

  it('the media URL is never in public.messages and list_messages hides it from a fan who has not paid', async () => {
    const { fan, creator, c, upload, m } = await ppvSetup();
    const raw = await asUser(fan.claims, (db) =>
      db.query('select * from public.messages where id = $1', [m.id]),
    );
    expect(JSON.stringify(raw.rows)).not.toContain(upload);
    const fanView = (await listAs(fan, c)).find((r) => r.id === m.id);
    expect(fanView).toMatchObject({ locked: true, media_url: null });
    const creatorView = (await listAs(creator, c)).find((r) => r.id === m.id);
    expect(creatorView).toMatchObject({ locked: false, media_url: `/api/uploads/${upload}` });
    const canRead = await asUser(fan.claims, (db) =>
      db.query('select public.can_read_upload($1) as ok', [upload]),
    );
    expect(canRead.rows[0]?.ok).toBe(false);
  });

  it('only creators send PPV, at a price of 1..10000, with their own upload', async () => {
    const { fan, creator, c } = await ppvSetup();
    const fanUpload = await uploadRow(fan);
    expect(await sqlstate(send(fan, c, { kind: 'ppv', uploadId: fanUpload, amount: 5 }))).toBe('CO403');
    const up = await uploadRow(creator);
    expect(await sqlstate(send(creator, c, { kind: 'ppv', uploadId: up, amount: 0 }))).toBe('CO422');
    expect(await sqlstate(send(creator, c, { kind: 'ppv', uploadId: fanUpload, amount: 5 }))).toBe('CO422');
  });

  it('unlocking charges once under concurrent double clicks and then returns the media', async () => {
    const { fan, c, upload, m } = await ppvSetup(15, 100);
    const before = await transferCount('message');
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        asUser(fan.claims, async (db) => {
          const r = await db.query<{ media_url: string; replayed: boolean; transfer_id: string }>(
            'select * from public.unlock_message($1)',
            [m.id],
          );
          return r.rows[0];
        }),
      ),
    );
    expect(results.every((r) => r?.media_url === `/api/uploads/${upload}`)).toBe(true);
    expect(results.filter((r) => r?.replayed === false)).toHaveLength(1);
    expect(new Set(results.map((r) => r?.transfer_id)).size).toBe(1);
    expect(await balance(fan)).toBe(85);
    expect(await transferCount('message')).toBe(before + 1);
    expect((await listAs(fan, c)).find((r) => r.id === m.id)).toMatchObject({
      locked: false,
      media_url: `/api/uploads/${upload}`,
    });
    const canRead = await asUser(fan.claims, (db) =>
      db.query('select public.can_read_upload($1) as ok', [upload]),
    );
    expect(canRead.rows[0]?.ok).toBe(true);
  });

  it('insufficient tokens → CO402 and nothing unlocked', async () => {
    const { fan, c, m } = await ppvSetup(150, 100);
    const before = await transferCount('message');
    expect(
      await sqlstate(asUser(fan.claims, (db) => db.query('select * from public.unlock_message($1)', [m.id]))),
    ).toBe('CO402');
    expect(await balance(fan)).toBe(100);
    expect(await transferCount('message')).toBe(before);
    expect((await listAs(fan, c)).find((r) => r.id === m.id)).toMatchObject({
      locked: true,
      media_url: null,
    });
  });

  it('a third party cannot unlock (404) and the sender cannot unlock their own (422)', async () => {
    const { creator, other, m } = await ppvSetup();
    await fundUser(other, 100);
    const unlock = (who: { claims: import('@/lib/db/tx').Claims }) =>
      sqlstate(asUser(who.claims, (db) => db.query('select * from public.unlock_message($1)', [m.id])));
    expect(await unlock(other)).toBe('CO404');
    expect(await balance(other)).toBe(100);
    expect(await unlock(creator)).toBe('CO422');
  });

  it('unsend hides the message from a fan who has not paid; they can no longer unlock it', async () => {
    const { fan, creator, c, m } = await ppvSetup();
    const r = await asUser(creator.claims, (db) =>
      db.query('select * from public.unsend_message($1)', [m.id]),
    );
    expect(r.rows[0]).toEqual({ unsent: true, hidden_from_recipient: true });
    expect((await listAs(fan, c)).find((x) => x.id === m.id)).toBeUndefined();
    const direct = await asUser(fan.claims, (db) =>
      db.query('select id from public.messages where id = $1', [m.id]),
    );
    expect(direct.rowCount).toBe(0);
    expect(
      await sqlstate(asUser(fan.claims, (db) => db.query('select * from public.unlock_message($1)', [m.id]))),
    ).toBe('CO404');
    expect(await balance(fan)).toBe(100);
    // The creator still sees what they sent (marked unsent).
    expect((await listAs(creator, c)).find((x) => x.id === m.id)).toBeDefined();
  });

  it('unsend after the fan paid: the fan keeps the media', async () => {
    const { fan, creator, c, upload, m } = await ppvSetup();
    await asUser(fan.claims, (db) => db.query('select * from public.unlock_message($1)', [m.id]));
    const r = await asUser(creator.claims, (db) =>
      db.query('select * from public.unsend_message($1)', [m.id]),
    );
    expect(r.rows[0]).toEqual({ unsent: true, hidden_from_recipient: false });
    expect((await listAs(fan, c)).find((x) => x.id === m.id)).toMatchObject({
      media_url: `/api/uploads/${upload}`,
    });
    // Unlocking again is a free replay.
    const again = await asUser(fan.claims, (db) =>
      db.query('select replayed from public.unlock_message($1)', [m.id]),
    );
    expect(again.rows[0]?.replayed).toBe(true);
    expect(await balance(fan)).toBe(85);
  });

  it('only the sender unsends, and only PPV messages', async () => {
    const { fan, creator, c, m } = await ppvSetup();
    expect(
      await sqlstate(asUser(fan.claims, (db) => db.query('select * from public.unsend_message($1)', [m.id]))),
    ).toBe('CO403');
    const text = await send(creator, c, { kind: 'text', body: 'plain' });
    expect(
      await sqlstate(
        asUser(creator.claims, (db) => db.query('select * from public.unsend_message($1)', [text.id])),
      ),
    ).toBe('CO422');
  });
});

describe('read receipts and unread counts', () => {
  it('counts unread messages to the caller and mark_messages_as_read clears them', async () => {
    const { fan, creator } = await people();
    const c = await conversation(fan, creator);
    await send(creator, c, { kind: 'text', body: 'one' });
    await send(creator, c, { kind: 'text', body: 'two' });
    await send(fan, c, { kind: 'text', body: 'mine' });
    const unread = (who: typeof fan) =>
      asUser(who.claims, async (db) =>
        Number((await db.query('select public.get_unread_count() as n')).rows[0]?.n),
      );
    expect(await unread(fan)).toBe(2);
    expect(await unread(creator)).toBe(1);
    const marked = await asUser(fan.claims, (db) =>
      db.query('select * from public.mark_messages_as_read($1)', [c]),
    );
    expect(marked.rows[0]?.marked).toBe(2);
    expect(await unread(fan)).toBe(0);
    expect(await unread(creator)).toBe(1);
    const receipts = await asUser(creator.claims, (db) =>
      db.query<{ body: string; read_at: Date | null }>(
        'select body, read_at from public.list_messages($1) where sender_id = $2',
        [c, creator.id],
      ),
    );
    expect(receipts.rows.every((r) => r.read_at !== null)).toBe(true);
  });

  it('list_conversations shows the last message and the unread count', async () => {
    const { fan, creator } = await people();
    const c = await conversation(fan, creator);
    await send(creator, c, { kind: 'text', body: 'first' });
    await send(creator, c, { kind: 'text', body: 'latest news' });
    const r = await asUser(fan.claims, (db) =>
      db.query<{ id: string; last_body: string; unread: string; other_username: string }>(
        'select * from public.list_conversations(30, null, null)',
      ),
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ id: c, last_body: 'latest news', other_username: creator.username });
    expect(Number(r.rows[0]?.unread)).toBe(2);
  });

  it('pages messages newest first with a (created_at, id) cursor, without gaps or repeats', async () => {
    const { fan, creator } = await people();
    const c = await conversation(fan, creator);
    for (let i = 0; i < 7; i++) await send(fan, c, { kind: 'text', body: `m${i}` });
    const seen: string[] = [];
    let cursor: { at: Date; id: string } | null = null;
    for (let page = 0; page < 5; page++) {
      const r: { rows: { id: string; body: string; created_at: Date }[] } = await asUser(fan.claims, (db) =>
        db.query('select id, body, created_at from public.list_messages($1, $2, $3, 3)', [
          c,
          cursor?.at ?? null,
          cursor?.id ?? null,
        ]),
      );
      seen.push(...r.rows.map((x) => x.body));
      const last = r.rows.at(-1);
      if (r.rows.length < 3 || !last) break;
      cursor = { at: last.created_at, id: last.id };
    }
    expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
  });
});

describe('blocking', () => {
  it('a blocked user cannot message the blocker; the blocker must unblock to write', async () => {
    const { fan, creator } = await people();
    const c = await conversation(fan, creator);
    await asUser(creator.claims, (db) => db.query('select public.block_user($1)', [fan.id]));
    expect(await sqlstate(send(fan, c, { kind: 'text', body: 'hi?' }))).toBe('CO403');
    expect(await sqlstate(send(creator, c, { kind: 'text', body: 'hey' }))).toBe('CO409');
    // Only the blocker sees the block row.
    const seen = await asUser(fan.claims, (db) => db.query('select * from public.user_blocks'));
    expect(seen.rowCount).toBe(0);
    await asUser(creator.claims, (db) => db.query('select public.unblock_user($1)', [fan.id]));
    expect(await sqlstate(send(fan, c, { kind: 'text', body: 'hi again' }))).toBe('resolved');
  });

  it('a blocked fan is not charged for a premium message', async () => {
    const { fan, creator } = await people();
    await setPrice(creator, 5);
    await fundUser(fan, 20);
    const c = await conversation(fan, creator);
    await asUser(creator.claims, (db) => db.query('select public.block_user($1)', [fan.id]));
    expect(await sqlstate(send(fan, c, { kind: 'text', body: 'pay?' }))).toBe('CO403');
    expect(await balance(fan)).toBe(20);
  });
});
