import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { FakeDiscord } from './fake-discord';
import {
  interactionRequest,
  intOpt,
  type Loose,
  member,
  messageCommand,
  runAfterTasks,
  slash,
  snowflake,
  TEST_APP_ID,
  TEST_GUILD_ID,
  userOpt,
} from './helpers';
import { fake } from './setup';

vi.mock('next/headers', () => nextHeadersMock());
vi.mock('next/server', async (importOriginal) => (await import('./helpers')).nextServerMock(importOriginal));

const { POST } = await import('@/app/api/discord/interactions/route');
const { getPool } = await import('@/lib/db/pool');
const { resetEnvCache } = await import('@/lib/env');

const STAFF_ROLE = '1400000000000000002';
const staff = member('mod_mia', { roles: [STAFF_ROLE] });
const target = { id: '2300000000000000001', username: 'loud_larry' };
const q = async (sql: string, params: unknown[] = []) => (await getPool()).query(sql, params);

/** A real HTTP server answering the Anthropic Messages API the way it does (tool_use + usage). */
const ai = new FakeDiscord();
let aiReply: { usage: Record<string, number>; items: unknown[] } = { usage: {}, items: [] };

beforeAll(async () => {
  await ai.start();
  await q(
    `insert into discord.guild_settings (guild_id, staff_role_id) values ($1, $2)
     on conflict (guild_id) do update set staff_role_id = $2`,
    [TEST_GUILD_ID, STAFF_ROLE],
  );
  const at = Date.now() - 3600_000;
  const texts = [
    'good morning all',
    'you are a fucking idiot, shit',
    'mail me at larry@example.com',
    'see you later',
  ];
  for (const [n, content] of texts.entries()) {
    await q(
      `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, content, created_at)
       values ($1, $2, '2400000000000000001', $3, $4, $5, $6)`,
      [`25000000000000000${n}`, TEST_GUILD_ID, target.id, target.username, content, new Date(at + n * 1000)],
    );
  }
});
afterAll(async () => {
  await ai.stop();
});
beforeEach(() => {
  fake.reset();
  fake.on('PATCH /webhooks/:app/:token/messages/@original', (req) => ({
    body: { id: snowflake(), ...(req.body as object) },
  }));
  ai.reset();
  ai.on('POST /v1/messages', (req) => ({
    body: {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model: (req.body as { model: string }).model,
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'report', input: { items: aiReply.items } }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: aiReply.usage,
    },
  }));
});

const call = async (payload: unknown) => {
  const res = await POST(interactionRequest(payload));
  expect(res.status).toBe(200);
  return (await res.json()) as { type: number; data?: Record<string, Loose> };
};
const followUp = () =>
  (fake.find('PATCH', `/webhooks/${TEST_APP_ID}/`).at(-1)?.body as { content?: string } | undefined)
    ?.content ?? '';
const noAutomaticAction = () =>
  expect(fake.requests.every((r) => r.method === 'PATCH' && r.path.startsWith('/webhooks/'))).toBe(true);

function withAnthropic<T>(fn: () => Promise<T>): Promise<T> {
  process.env.ANTHROPIC_API_KEY = 'sk-test-not-a-real-key';
  process.env.ANTHROPIC_BASE_URL = ai.url.replace(/\/api\/v10$/, '');
  process.env.ANTHROPIC_MODEL = 'claude-haiku-4-5';
  resetEnvCache();
  return fn().finally(() => {
    delete process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_BASE_URL;
    delete process.env.ANTHROPIC_MODEL;
    resetEnvCache();
  });
}

const none = {
  toxicity: 'none',
  harassment: 'none',
  hate: 'none',
  sexual: 'none',
  self_harm: 'none',
  spam: 'none',
  personal_data: 'none',
};

describe('/audit without ANTHROPIC_API_KEY: local classifier, same accounting', () => {
  it('defers ephemerally, reports as the local classifier at cost 0, queues flagged items, acts on nothing', async () => {
    const r = await call(slash('audit', staff, [userOpt('member', target.id), intOpt('limit', 10)]));
    expect(r).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    await runAfterTasks();
    const report = followUp();
    expect(report).toContain('local rule-based classifier (no AI model; cost $0)');
    expect(report).toMatch(/`250000000000000001` by <@2300000000000000001>: ⚠ toxicity: (medium|high)/);
    expect(report).toMatch(/`250000000000000002`.*personal-data: medium/);
    expect(report).toContain('`250000000000000000` by <@2300000000000000001>: nothing flagged');
    expect(report).toContain('2 items added to the moderation queue for human review. No action was taken.');
    const usage = await q(
      `select model, provider, status, cost_usd::float8 as cost, items, input_tokens from discord.ai_usage where invoker_id = $1`,
      [staff.id],
    );
    expect(usage.rows).toEqual([
      { model: 'local-rules', provider: 'local', status: 'completed', cost: 0, items: 4, input_tokens: 0 },
    ]);
    const queue = await q(
      `select message_id, status, classifier from discord.moderation_queue where reported_by = $1 order by message_id`,
      [staff.id],
    );
    expect(queue.rows).toEqual([
      { message_id: '250000000000000001', status: 'pending', classifier: 'local-rules' },
      { message_id: '250000000000000002', status: 'pending', classifier: 'local-rules' },
    ]);
    noAutomaticAction();
  });

  it('is staff-only: a member without the staff role or Manage Messages is refused, nothing accounted', async () => {
    const before = (await q('select count(*)::int as n from discord.ai_usage')).rows[0].n;
    const r = await call(slash('audit', member('random_rita'), [userOpt('member', target.id)]));
    expect(r.data).toMatchObject({ content: 'Only staff can run audits.', flags: MessageFlags.Ephemeral });
    const mod = await call(
      slash('audit', member('perm_pat', { permissions: String(1n << 13n) }), [userOpt('member', 'nobody')]),
    );
    expect(mod.data?.content).toMatch(/No stored messages/);
    expect((await q('select count(*)::int as n from discord.ai_usage')).rows[0].n).toBe(before);
  });
});

describe('/audit with Anthropic (fake API over HTTP): strict cost accounting', () => {
  it('"Audit message" records tokens, model, prices and the cost computed from the recorded usage', async () => {
    aiReply = {
      usage: {
        input_tokens: 1200,
        output_tokens: 300,
        cache_read_input_tokens: 2000,
        cache_creation_input_tokens: 500,
      },
      items: [
        {
          ref: '2600000000000000001',
          categories: { ...none, harassment: 'high', toxicity: 'medium' },
          reason: 'Insults another member directly.',
        },
      ],
    };
    await withAnthropic(async () => {
      const payload = messageCommand('Audit message', staff, {
        id: '2600000000000000001',
        content: 'nobody likes you, leave',
        authorId: target.id,
        authorName: target.username,
      });
      const r = await call(payload);
      expect(r.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
      await runAfterTasks();
      const sent = ai.find('POST', '/v1/messages');
      expect(sent).toHaveLength(1);
      const body = sent[0]?.body as Record<string, Loose>;
      expect(body.model).toBe('claude-haiku-4-5');
      expect(body.tool_choice).toMatchObject({ type: 'tool', name: 'report' });
      expect(body.system[0].cache_control).toEqual({ type: 'ephemeral' });
      expect(JSON.parse(body.messages[0].content).items).toEqual([
        { ref: '2600000000000000001', text: 'nobody likes you, leave' },
      ]);
      const u = (
        await q(`select * from discord.ai_usage where interaction_id = $1`, [(payload as { id: string }).id])
      ).rows[0];
      expect(u).toMatchObject({
        guild_id: TEST_GUILD_ID,
        invoker_id: staff.id,
        command: 'Audit message',
        model: 'claude-haiku-4-5',
        provider: 'anthropic',
        status: 'completed',
        input_tokens: 1200,
        output_tokens: 300,
        cache_read_tokens: 2000,
        cache_write_tokens: 500,
        input_usd_per_mtok: '1.000000',
        output_usd_per_mtok: '5.000000',
        cache_read_usd_per_mtok: '0.100000',
        cache_write_usd_per_mtok: '1.250000',
      });
      // (1200 × 1 + 300 × 5 + 2000 × 0.10 + 500 × 1.25) / 1e6 = 0.003525
      expect(u.cost_usd).toBe('0.00352500');
      expect(followUp()).toContain('claude-haiku-4-5 · 3700 in / 300 out tokens · cost $0.003525');
      expect(followUp()).toContain('harassment: high');
      const queued = await q(
        `select max_severity, classifier, categories from discord.moderation_queue where message_id = '2600000000000000001'`,
      );
      expect(queued.rows[0]).toMatchObject({ max_severity: 'high', classifier: 'claude-haiku-4-5' });
      noAutomaticAction();
    });
  });

  it('refuses when the next request would exceed the hard monthly limit, logs it, and sends nothing', async () => {
    await q(
      'update discord.guild_settings set ai_monthly_budget_usd = 0.002, ai_hard_limit_usd = 0.004 where guild_id = $1',
      [TEST_GUILD_ID],
    );
    const sentBefore = ai.requests.length;
    await withAnthropic(async () => {
      const payload = slash('audit', staff, [userOpt('member', target.id)]);
      await call(payload);
      await runAfterTasks();
      expect(ai.requests.length).toBe(sentBefore);
      expect(followUp()).toMatch(/Audit refused: this server’s monthly AI limit is reached/);
      const u = (
        await q(
          'select status, cost_usd::float8 as cost, note from discord.ai_usage where interaction_id = $1',
          [(payload as { id: string }).id],
        )
      ).rows[0];
      expect(u).toMatchObject({ status: 'refused', cost: 0 });
      expect(u.note).toMatch(/hard limit 0.004/);
      const log = await q(
        `select level, context from private.app_logs where message like 'AI request refused%' order by id desc limit 1`,
      );
      expect(log.rows[0]?.level).toBe('warn');
      expect(log.rows[0]?.context.interactionId).toBe((payload as { id: string }).id);
    });
    // The local classifier costs 0, so it still runs under the limit (same accounting path).
    const local = slash('audit', staff, [userOpt('member', target.id), intOpt('limit', 1)]);
    await call(local);
    await runAfterTasks();
    expect(followUp()).toContain('local rule-based classifier');
    await q(
      'update discord.guild_settings set ai_monthly_budget_usd = 5, ai_hard_limit_usd = 10 where guild_id = $1',
      [TEST_GUILD_ID],
    );
  });

  it('a model without a price is refused before anything is sent', async () => {
    const sentBefore = ai.requests.length;
    await withAnthropic(async () => {
      process.env.ANTHROPIC_MODEL = 'claude-unpriced-9';
      resetEnvCache();
      await call(slash('audit', staff, [userOpt('member', target.id)]));
      await runAfterTasks();
    });
    expect(ai.requests.length).toBe(sentBefore);
    expect(followUp()).toMatch(/No price is recorded for model claude-unpriced-9/);
  });
});

describe('cost math and budget in SQL', () => {
  it('settles from recorded usage with the prices of the time; later price changes do not rewrite history', async () => {
    const g = '2700000000000000001';
    const reserve = await q(
      `select * from discord.ai_reserve($1, 'inv', $2, 'audit', 'claude-sonnet-4-5', 10000, 1000)`,
      [g, snowflake()],
    );
    // estimate = (10000 × 3 + 1000 × 15) / 1e6 = 0.045
    expect(reserve.rows[0]).toMatchObject({ allowed: true, estimate: '0.04500000000000000000' });
    const id = reserve.rows[0].usage_id;
    const settled = await q('select cost_usd from discord.ai_settle($1, 8000, 700, 20000, 4000, 3)', [id]);
    // (8000 × 3 + 700 × 15 + 20000 × 0.30 + 4000 × 3.75) / 1e6 = 0.0555
    expect(settled.rows[0].cost_usd).toBe('0.05550000');
    await q(`update discord.ai_pricing set input_usd_per_mtok = 99 where model = 'claude-sonnet-4-5'`);
    expect((await q('select cost_usd from discord.ai_usage where id = $1', [id])).rows[0].cost_usd).toBe(
      '0.05550000',
    );
    await expect(q('select discord.ai_settle($1, 1, 1, 1, 1, 1)', [id])).rejects.toMatchObject({
      code: 'CO409',
    });
    await q(`update discord.ai_pricing set input_usd_per_mtok = 3 where model = 'claude-sonnet-4-5'`);
  });

  it('pending estimates count against the limit, so concurrent requests cannot overshoot it', async () => {
    const g = '2700000000000000002';
    await q(
      'insert into discord.guild_settings (guild_id, ai_monthly_budget_usd, ai_hard_limit_usd) values ($1, 0.05, 0.1)',
      [g],
    );
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        q(
          `select allowed from discord.ai_reserve($1, 'inv', $2, 'audit', 'claude-sonnet-4-5', 10000, 1000)`,
          [g, snowflake()],
        ),
      ),
    );
    // 0.045 each: two fit under 0.1, the third would reach 0.135.
    expect(results.map((r) => r.rows[0].allowed).filter(Boolean)).toHaveLength(2);
    const rows = await q(
      `select status, count(*)::int as n from discord.ai_usage where guild_id = $1 group by status order by status`,
      [g],
    );
    expect(rows.rows).toEqual([
      { status: 'pending', n: 2 },
      { status: 'refused', n: 3 },
    ]);
  });
});
