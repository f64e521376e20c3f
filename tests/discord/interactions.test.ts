import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { afterTasks, interactionRequest, type Loose, member, pingPayload, signBody, slash } from './helpers';
import { fake } from './setup';

vi.mock('next/headers', () => nextHeadersMock());
vi.mock('next/server', async (importOriginal) => (await import('./helpers')).nextServerMock(importOriginal));

const { POST } = await import('@/app/api/discord/interactions/route');
const { getPool } = await import('@/lib/db/pool');
const { asService } = await import('@/lib/db/tx');
const { resetEnvCache } = await import('@/lib/env');

const call = async (req: Request) => {
  const res = await POST(req);
  return { status: res.status, body: (await res.json()) as Record<string, Loose> };
};

async function interactionRows(id: string): Promise<number> {
  const r = await (await getPool()).query(
    'select count(*)::int as n from discord.interactions where id = $1',
    [id],
  );
  return r.rows[0].n;
}

describe('signature verification (before anything else)', () => {
  const cases: [string, Parameters<typeof interactionRequest>[1]][] = [
    ['missing signature header', { signature: null }],
    ['missing timestamp header', { timestamp: null }],
    ['both headers missing', { signature: null, timestamp: null }],
    ['signature that is not hex', { signature: 'zz' }],
    ['signature of another body', { tamper: true }],
    ['signature for another timestamp', { timestamp: '1700000000' }],
  ];
  it.each(cases)('%s → 401 and nothing recorded', async (_name, opts) => {
    const payload = slash('link', member('sig_user'));
    const r = await call(interactionRequest(payload, opts));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('INVALID_SIGNATURE');
    expect(await interactionRows((payload as { id: string }).id)).toBe(0);
  });

  it('a signature by another key → 401', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519').privateKey;
    const r = await call(interactionRequest(pingPayload(), { key: other }));
    expect(r.status).toBe(401);
  });

  it('a correctly signed body that is not JSON → 400', async () => {
    const body = 'not json';
    const { signature, timestamp } = signBody(body);
    const res = await POST(
      new Request('http://localhost/api/discord/interactions', {
        method: 'POST',
        headers: { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
        body,
      }),
    );
    expect(res.status).toBe(400);
  });

  it('PING → PONG', async () => {
    const r = await call(interactionRequest(pingPayload()));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ type: InteractionResponseType.Pong });
  });

  it('without DISCORD_PUBLIC_KEY → 503 NOT_CONFIGURED', async () => {
    // The three Discord variables are set together (lib/env.ts), so unset them together.
    const keys = ['DISCORD_PUBLIC_KEY', 'DISCORD_APPLICATION_ID', 'DISCORD_BOT_TOKEN'] as const;
    const saved = keys.map((k) => process.env[k]);
    for (const k of keys) process.env[k] = '';
    resetEnvCache();
    try {
      const r = await call(interactionRequest(pingPayload()));
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('NOT_CONFIGURED');
    } finally {
      keys.forEach((k, n) => {
        process.env[k] = saved[n];
      });
      resetEnvCache();
    }
  });
});

describe('dispatch', () => {
  it('an unknown command → ephemeral error, 200', async () => {
    const r = await call(interactionRequest(slash('no-such-command', member('unknown_user'))));
    expect(r.status).toBe(200);
    expect(r.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(r.body.data.flags).toBe(MessageFlags.Ephemeral);
    expect(r.body.data.content).toMatch(/Unknown command/);
  });

  it('a duplicate interaction id is processed once (Discord retries)', async () => {
    const payload = slash('link', member('dup_user'));
    const first = await call(interactionRequest(payload));
    const again = await Promise.all([call(interactionRequest(payload)), call(interactionRequest(payload))]);
    expect(first.body.data.content).toMatch(/link code is \*\*[A-Z0-9]{4}-[A-Z0-9]{4}\*\*/);
    for (const r of again) {
      expect(r.status).toBe(200);
      expect(r.body.data.content).toBe('This interaction was already handled.');
    }
    const codes = await (await getPool()).query(
      'select count(*)::int as n from discord.link_codes where discord_user_id = $1',
      [(payload as { member: { user: { id: string } } }).member.user.id],
    );
    expect(codes.rows[0].n).toBe(1);
    expect(await interactionRows((payload as { id: string }).id)).toBe(1);
  });

  it('records the member with joined_at from the payload', async () => {
    const who = member('joined_user', { joinedAt: '2025-05-06T07:08:09.000000+00:00' });
    await call(interactionRequest(slash('link', who)));
    const r = await (await getPool()).query(
      'select username, joined_at from discord.members where user_id = $1',
      [who.id],
    );
    expect(r.rows[0].username).toBe('joined_user');
    expect((r.rows[0].joined_at as Date).toISOString()).toBe('2025-05-06T07:08:09.000Z');
  });
});

describe('kill switch', () => {
  it('paused → 200 ephemeral paused message, nothing recorded or run; resumed → normal again', async () => {
    await asService((db) => db.query(`select public.admin_set_bot_paused(true, 'incident drill')`));
    const payload = slash('link', member('paused_user'));
    const requestsBefore = fake.requests.length;
    try {
      const r = await call(interactionRequest(payload));
      expect(r.status).toBe(200);
      expect(r.body.data).toMatchObject({
        content: 'CommunityOS is paused by an administrator',
        flags: MessageFlags.Ephemeral,
      });
      expect(await interactionRows((payload as { id: string }).id)).toBe(0);
      const codes = await (await getPool()).query(
        'select count(*)::int as n from discord.link_codes where discord_username = $1',
        ['paused_user'],
      );
      expect(codes.rows[0].n).toBe(0);
      expect(afterTasks).toHaveLength(0);
      expect(fake.requests.length).toBe(requestsBefore);
      // PING still answers while paused (Discord checks the endpoint).
      expect((await call(interactionRequest(pingPayload()))).body.type).toBe(InteractionResponseType.Pong);
    } finally {
      await asService((db) => db.query(`select public.admin_set_bot_paused(false, 'drill over')`));
    }
    const r = await call(interactionRequest(payload));
    expect(r.body.data.content).toMatch(/link code/);
    const audit = await (await getPool()).query(
      `select action from public.admin_audit_log where action like 'discord.%' order by id`,
    );
    expect(audit.rows.map((x) => x.action)).toEqual(['discord.pause', 'discord.resume']);
  });

  it('a signed-in non-admin cannot pause the bot', async () => {
    const { asUser } = await import('@/lib/db/tx');
    const { createLocalUser } = await import('@/lib/auth/local-auth');
    const id = await createLocalUser({
      email: 'np@example.test',
      password: 'correct-horse-battery',
      username: 'not_admin_1',
      displayName: 'N',
    });
    await expect(
      asUser({ sub: id, role: 'authenticated' }, (db) =>
        db.query(`select public.admin_set_bot_paused(true, 'nope nope')`),
      ),
    ).rejects.toMatchObject({ code: 'CO403' });
  });
});

describe('command definitions', () => {
  it('every registered command has a handler and every handler a definition', async () => {
    const { COMMANDS } = await import('@/lib/discord/commands/definitions');
    const { COMMAND_HANDLERS } = await import('@/lib/discord/commands');
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(Object.keys(COMMAND_HANDLERS).sort());
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'link',
      'score',
      'leaderboard',
      'ticket',
      'audit',
      'Audit message',
    ]);
  });
});

describe('who manages the guild (needed to connect it to the dashboard)', () => {
  const managesGuild = async (userId: string): Promise<boolean | undefined> => {
    const r = await (await getPool()).query<{ manages_guild: boolean }>(
      'select manages_guild from discord.members where user_id = $1',
      [userId],
    );
    return r.rows[0]?.manages_guild;
  };
  const MANAGE_GUILD = String(1n << 5n);
  const ADMINISTRATOR = String(1n << 3n);

  it('each interaction records whether the member has Manage Server or Administrator, both ways', async () => {
    const owner = member('perm_owner', { permissions: MANAGE_GUILD });
    expect((await call(interactionRequest(slash('score', owner)))).status).toBe(200);
    expect(await managesGuild(owner.id)).toBe(true);
    // The permission was taken away: the next interaction says so.
    const demoted = { ...owner, permissions: String(1n << 11n) }; // Send Messages only
    expect((await call(interactionRequest(slash('score', demoted)))).status).toBe(200);
    expect(await managesGuild(owner.id)).toBe(false);
    const admin = member('perm_admin', { permissions: ADMINISTRATOR });
    expect((await call(interactionRequest(slash('score', admin)))).status).toBe(200);
    expect(await managesGuild(admin.id)).toBe(true);
    const plain = member('perm_plain');
    expect((await call(interactionRequest(slash('score', plain)))).status).toBe(200);
    expect(await managesGuild(plain.id)).toBe(false);
  });
});
