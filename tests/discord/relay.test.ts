import { describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { type Loose, snowflake } from './helpers';
import './setup';

vi.mock('next/headers', () => nextHeadersMock());

const { POST } = await import('@/app/api/discord/events/route');
const { signRelayBody } = await import('@/lib/discord/relay');
const { getPool } = await import('@/lib/db/pool');
const { resetEnvCache } = await import('@/lib/env');

const SECRET = process.env.DISCORD_EVENTS_SECRET as string;
const GUILD = '2100000000000000001';
const q = async (sql: string, params: unknown[] = []) => (await getPool()).query(sql, params);
const n = async (sql: string, params: unknown[] = []) => Number((await q(sql, params)).rows[0].n);

function relayRequest(
  body: unknown,
  opts: { secret?: string; timestamp?: number; signature?: string | null } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-relay-timestamp': ts };
  const sig = opts.signature === undefined ? signRelayBody(opts.secret ?? SECRET, ts, raw) : opts.signature;
  if (sig !== null) headers['x-relay-signature'] = sig;
  return new Request('http://localhost/api/discord/events', { method: 'POST', headers, body: raw });
}

const send = async (req: Request) => {
  const res = await POST(req);
  return { status: res.status, body: (await res.json()) as Record<string, Loose> };
};

function batch() {
  const msgId = snowflake();
  const author = { id: snowflake(), username: 'relay_author' };
  const reactor = snowflake();
  const at = new Date().toISOString();
  return {
    msgId,
    author,
    reactor,
    body: {
      events: [
        {
          id: `m:${msgId}`,
          type: 'message_create',
          guild_id: GUILD,
          channel_id: '2200000000000000001',
          message: { id: msgId, author, content: 'hello from the relay', timestamp: at },
        },
        {
          id: `r:${msgId}:${reactor}`,
          type: 'reaction_add',
          guild_id: GUILD,
          channel_id: '2200000000000000001',
          message_id: msgId,
          user_id: reactor,
          emoji: { id: null, name: '👍' },
          at,
        },
        { id: `j:${author.id}`, type: 'member_join', guild_id: GUILD, user: author, joined_at: at },
      ],
    },
  };
}

describe('POST /api/discord/events (relay)', () => {
  it('applies a signed batch once; a resend is all duplicates and changes nothing', async () => {
    const b = batch();
    const first = await send(relayRequest(b.body));
    expect(first).toEqual({ status: 200, body: { applied: 3, duplicates: 0 } });
    const again = await send(relayRequest(b.body));
    expect(again.body).toEqual({ applied: 0, duplicates: 3 });
    expect(await n('select count(*)::int as n from discord.messages where id = $1', [b.msgId])).toBe(1);
    expect(await n('select count(*)::int as n from discord.reactions where message_id = $1', [b.msgId])).toBe(
      1,
    );
    const memberRow = await q(
      'select username, joined_at from discord.members where guild_id = $1 and user_id = $2',
      [GUILD, b.author.id],
    );
    expect(memberRow.rows[0].username).toBe('relay_author');
    expect(memberRow.rows[0].joined_at).toBeInstanceOf(Date);
    // The rollup ran: 1 message for the author, 1 reaction (0.5) for the reactor.
    const scores = await q(
      'select user_id, score::float8 as score from discord.score_daily where guild_id = $1 order by score desc',
      [GUILD],
    );
    expect(scores.rows).toEqual([
      { user_id: b.author.id, score: 1 },
      { user_id: b.reactor, score: 0.5 },
    ]);
  });

  const denied: [string, () => Request, number][] = [
    ['no signature', () => relayRequest(batch().body, { signature: null }), 401],
    ['wrong secret', () => relayRequest(batch().body, { secret: 'another-secret' }), 401],
    [
      'stale timestamp (6 minutes old)',
      () => relayRequest(batch().body, { timestamp: Math.floor(Date.now() / 1000) - 360 }),
      401,
    ],
    [
      'timestamp from the future (6 minutes)',
      () => relayRequest(batch().body, { timestamp: Math.floor(Date.now() / 1000) + 360 }),
      401,
    ],
    ['signed garbage', () => relayRequest('{not json'), 400],
    ['signed but invalid events', () => relayRequest({ events: [{ id: 'x', type: 'message_create' }] }), 422],
    ['empty batch', () => relayRequest({ events: [] }), 422],
  ];
  it.each(denied)('%s → %i and nothing written', async (_name, make, status) => {
    const before = await n('select count(*)::int as n from discord.relay_events');
    const r = await send(make());
    expect(r.status).toBe(status);
    expect(await n('select count(*)::int as n from discord.relay_events')).toBe(before);
  });

  it('without DISCORD_EVENTS_SECRET → 503 NOT_CONFIGURED', async () => {
    const saved = process.env.DISCORD_EVENTS_SECRET;
    process.env.DISCORD_EVENTS_SECRET = '';
    resetEnvCache();
    try {
      const r = await send(relayRequest(batch().body));
      expect(r.status).toBe(503);
    } finally {
      process.env.DISCORD_EVENTS_SECRET = saved;
      resetEnvCache();
    }
  });
});
