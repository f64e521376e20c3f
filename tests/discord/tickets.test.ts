import {
  InteractionResponseType,
  MessageFlags,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import {
  button,
  interactionRequest,
  type Loose,
  member,
  modalSubmit,
  runAfterTasks,
  slash,
  snowflake,
  sub,
  TEST_APP_ID,
  TEST_GUILD_ID,
  type Who,
} from './helpers';
import { fake } from './setup';

vi.mock('next/headers', () => nextHeadersMock());
vi.mock('next/server', async (importOriginal) => (await import('./helpers')).nextServerMock(importOriginal));

const { POST } = await import('@/app/api/discord/interactions/route');
const { getPool } = await import('@/lib/db/pool');
const { openTicket, transitionTicket } = await import('@/lib/discord/tickets/tickets');

const STAFF_ROLE = '1400000000000000001';
const CATEGORY = '1500000000000000001';
const staff = member('staff_sam', { roles: [STAFF_ROLE] });

const call = async (payload: unknown) => {
  const res = await POST(interactionRequest(payload));
  expect(res.status).toBe(200);
  return (await res.json()) as { type: number; data: Record<string, Loose> };
};
const q = async (sql: string, params: unknown[] = []) => (await getPool()).query(sql, params);

/** The fake guild: a list of channels (GET), channel creation (POST) and messages. */
let guildChannels: { id: string; type: number; parent_id?: string | null }[] = [];
beforeEach(async () => {
  fake.reset();
  guildChannels = [{ id: CATEGORY, type: 4, parent_id: null }];
  fake.on('GET /guilds/:guild/channels', () => ({ body: guildChannels }));
  fake.on('POST /guilds/:guild/channels', (req) => {
    const b = req.body as { type: number; parent_id?: string; name: string };
    const ch = { id: snowflake(), type: b.type, parent_id: b.parent_id ?? null, name: b.name };
    guildChannels.push(ch);
    return { status: 201, body: ch };
  });
  fake.on('POST /channels/:id/messages', (req) => ({ body: { id: snowflake(), ...(req.body as object) } }));
  fake.on('PATCH /webhooks/:app/:token/messages/@original', (req) => ({
    body: { id: snowflake(), ...(req.body as object) },
  }));
  await q(
    `insert into discord.guild_settings (guild_id, staff_role_id, ticket_category_id) values ($1, $2, $3)
     on conflict (guild_id) do update set staff_role_id = $2, ticket_category_id = $3, max_open_tickets = 1`,
    [TEST_GUILD_ID, STAFF_ROLE, CATEGORY],
  );
});

async function openViaDiscord(who: Who, subject = 'Cannot log in') {
  const modal = await call(slash('ticket', who, [sub('open')]));
  expect(modal.type).toBe(InteractionResponseType.Modal);
  expect(modal.data.custom_id).toBe('ticket:open');
  const submitted = await call(
    modalSubmit('ticket:open', who, { subject, description: 'It says my password is wrong.' }),
  );
  expect(submitted).toEqual({
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    data: { flags: MessageFlags.Ephemeral },
  });
  expect(await runAfterTasks()).toBe(1);
  const t = await q('select * from discord.tickets where opener_id = $1 order by id desc limit 1', [who.id]);
  return t.rows[0];
}

describe('/ticket open', () => {
  it('creates the private channel with the overwrites, posts the buttons and follows up', async () => {
    const opener = member('opener_olga');
    const ticket = await openViaDiscord(opener);
    const create = fake.find('POST', `/guilds/${TEST_GUILD_ID}/channels`);
    expect(create).toHaveLength(1);
    const body = create[0]?.body as Record<string, Loose>;
    expect(body.name).toBe(`ticket-${String(ticket.number).padStart(4, '0')}`);
    expect(body.type).toBe(0);
    expect(body.parent_id).toBe(CATEGORY);
    const allow = String(
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.ReadMessageHistory |
        PermissionFlagsBits.AttachFiles,
    );
    expect(body.permission_overwrites).toEqual([
      {
        id: TEST_GUILD_ID,
        type: OverwriteType.Role,
        allow: '0',
        deny: String(PermissionFlagsBits.ViewChannel),
      },
      { id: opener.id, type: OverwriteType.Member, allow, deny: '0' },
      { id: STAFF_ROLE, type: OverwriteType.Role, allow, deny: '0' },
      {
        id: TEST_APP_ID,
        type: OverwriteType.Member,
        allow: String(BigInt(allow) | PermissionFlagsBits.ManageChannels),
        deny: '0',
      },
    ]);
    const channelId = guildChannels.at(-1)?.id;
    expect(ticket.channel_id).toBe(channelId);
    const first = fake.find('POST', `/channels/${channelId}/messages`)[0]?.body as Record<string, Loose>;
    expect(first.content).toContain('Cannot log in');
    expect(
      first.components[0].components.map((c: { label: string; custom_id: string }) => [c.label, c.custom_id]),
    ).toEqual([
      ['Claim', `ticket:claim:${ticket.id}`],
      ['Resolve', `ticket:resolve:${ticket.id}`],
      ['Reopen', `ticket:reopen:${ticket.id}`],
    ]);
    const followUp = fake.find('PATCH', `/webhooks/${TEST_APP_ID}/`);
    expect(followUp).toHaveLength(1);
    expect((followUp[0]?.body as { content?: string } | undefined)?.content).toContain(`<#${channelId}>`);
    expect(followUp[0]?.headers.authorization).toBeUndefined();
    // The ticket channel is tracked by the poller (transcript).
    const tracked = await q('select kind, tracked from discord.channels where channel_id = $1', [channelId]);
    expect(tracked.rows).toEqual([{ kind: 'ticket', tracked: true }]);
  });

  it('limits open tickets per member with a clear message (modal and submit both refuse)', async () => {
    const opener = member('opener_lim');
    await openViaDiscord(opener);
    const again = await call(slash('ticket', opener, [sub('open')]));
    expect(again.data.flags).toBe(MessageFlags.Ephemeral);
    expect(again.data.content).toMatch(/already have 1 open ticket/);
    const submit = await call(modalSubmit('ticket:open', opener, { subject: 'again', description: 'x' }));
    expect(submit.data.content).toMatch(/already have 1 open ticket/);
    await q('update discord.guild_settings set max_open_tickets = 2 where guild_id = $1', [TEST_GUILD_ID]);
    expect((await call(slash('ticket', opener, [sub('open')]))).type).toBe(InteractionResponseType.Modal);
  });

  it('creates an overflow category when the configured one holds 50 channels', async () => {
    for (let n = 0; n < 50; n++) guildChannels.push({ id: snowflake(), type: 0, parent_id: CATEGORY });
    await openViaDiscord(member('opener_overflow'));
    const creates = fake
      .find('POST', `/guilds/${TEST_GUILD_ID}/channels`)
      .map((r) => r.body as Record<string, Loose>);
    expect(creates).toHaveLength(2);
    expect(creates[0]?.type).toBe(4);
    expect(creates[0]?.name).toBe('Tickets 2');
    expect(creates[0]?.permission_overwrites[0]).toMatchObject({
      id: TEST_GUILD_ID,
      deny: String(PermissionFlagsBits.ViewChannel),
    });
    const overflowId = guildChannels.find((c) => c.type === 4 && c.id !== CATEGORY)?.id;
    expect(creates[1]?.parent_id).toBe(overflowId);
    const cats = await q('select category_id from discord.ticket_categories where guild_id = $1', [
      TEST_GUILD_ID,
    ]);
    expect(cats.rows.map((r) => r.category_id)).toEqual([overflowId]);
    // The next ticket goes into the overflow category without creating another.
    await openViaDiscord(member('opener_overflow2'));
    expect(
      fake
        .find('POST', `/guilds/${TEST_GUILD_ID}/channels`)
        .filter((r) => (r.body as { type: number }).type === 4),
    ).toHaveLength(1);
  });

  it('a failed channel creation is reported in the follow-up and frees the member’s slot', async () => {
    fake.on('POST /guilds/:guild/channels', () => ({
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    }));
    const opener = member('opener_fail');
    await openViaDiscord(opener);
    const followUp = fake.find('PATCH', `/webhooks/${TEST_APP_ID}/`)[0]?.body as { content: string };
    expect(followUp.content).toMatch(/Something went wrong/);
    expect((await call(slash('ticket', opener, [sub('open')]))).type).toBe(InteractionResponseType.Modal);
  });
});

describe('buttons and /ticket close', () => {
  it('Claim (staff) → In Progress; Resolve (opener) → Resolved; Reopen → Open; /ticket close resolves; times recorded', async () => {
    const opener = member('opener_btn');
    const t = await openViaDiscord(opener);
    const claimDenied = await call(button(`ticket:claim:${t.id}`, opener));
    expect(claimDenied.data).toMatchObject({
      flags: MessageFlags.Ephemeral,
      content: 'Only staff can claim tickets',
    });
    const claimed = await call(button(`ticket:claim:${t.id}`, staff));
    expect(claimed.data.content).toMatch(/claimed by .*In Progress/);
    const row = (await q('select * from discord.tickets where id = $1', [t.id])).rows[0];
    expect(row).toMatchObject({ state: 'in_progress', assignee_id: staff.id });
    expect(row.first_response_at).toBeInstanceOf(Date);
    expect((await call(button(`ticket:resolve:${t.id}`, member('stranger')))).data.content).toMatch(
      /Only staff or the member/,
    );
    expect((await call(button(`ticket:resolve:${t.id}`, opener))).data.content).toMatch(/Resolved/);
    expect(
      (await q('select resolved_at from discord.tickets where id = $1', [t.id])).rows[0].resolved_at,
    ).toBeInstanceOf(Date);
    expect((await call(button(`ticket:reopen:${t.id}`, opener))).data.content).toMatch(/reopened.*Open/);
    const close = await call(slash('ticket', opener, [sub('close')], { channelId: t.channel_id }));
    expect(close.data.content).toMatch(/closed by .*Resolved/);
    const closeElsewhere = await call(slash('ticket', opener, [sub('close')]));
    expect(closeElsewhere.data.content).toMatch(/not a ticket channel/);
    const metrics = (await q('select * from discord.ticket_metrics where ticket_id = $1', [t.id])).rows[0];
    expect(metrics.first_response_seconds).toBeGreaterThanOrEqual(0);
    expect(metrics.resolution_seconds).toBeGreaterThanOrEqual(metrics.first_response_seconds);
    expect(metrics.state_changes).toBe(5);
    const events = await q(
      'select action, from_state, to_state, actor_id from discord.ticket_events where ticket_id = $1 order by id',
      [t.id],
    );
    expect(events.rows).toEqual([
      { action: 'open', from_state: null, to_state: 'open', actor_id: opener.id },
      { action: 'claim', from_state: 'open', to_state: 'in_progress', actor_id: staff.id },
      { action: 'resolve', from_state: 'in_progress', to_state: 'resolved', actor_id: opener.id },
      { action: 'reopen', from_state: 'resolved', to_state: 'open', actor_id: opener.id },
      { action: 'close', from_state: 'open', to_state: 'resolved', actor_id: opener.id },
    ]);
  });
});

describe('ticket state machine (SQL)', () => {
  type State = 'open' | 'in_progress' | 'resolved';
  type Action = 'claim' | 'resolve' | 'close' | 'reopen';
  type Actor = 'staff' | 'opener' | 'other';
  const expected: Record<State, Record<Action, Record<Actor, State | 'CO403' | 'CO409'>>> = {
    open: {
      claim: { staff: 'in_progress', opener: 'CO403', other: 'CO403' },
      resolve: { staff: 'resolved', opener: 'resolved', other: 'CO403' },
      close: { staff: 'resolved', opener: 'resolved', other: 'CO403' },
      reopen: { staff: 'CO409', opener: 'CO409', other: 'CO403' },
    },
    in_progress: {
      claim: { staff: 'CO409', opener: 'CO403', other: 'CO403' },
      resolve: { staff: 'resolved', opener: 'resolved', other: 'CO403' },
      close: { staff: 'resolved', opener: 'resolved', other: 'CO403' },
      reopen: { staff: 'CO409', opener: 'CO409', other: 'CO403' },
    },
    resolved: {
      claim: { staff: 'CO409', opener: 'CO403', other: 'CO403' },
      resolve: { staff: 'CO409', opener: 'CO409', other: 'CO403' },
      close: { staff: 'CO409', opener: 'CO409', other: 'CO403' },
      reopen: { staff: 'open', opener: 'open', other: 'CO403' },
    },
  };
  const guild = '1600000000000000001';
  const cases = (Object.keys(expected) as State[]).flatMap((from) =>
    (Object.keys(expected[from]) as Action[]).flatMap((action) =>
      (Object.keys(expected[from][action]) as Actor[]).map(
        (actor) => [from, action, actor, expected[from][action][actor]] as const,
      ),
    ),
  );

  it.each(cases)('%s + %s by %s → %s', async (from, action, actor, outcome) => {
    await q(
      `insert into discord.guild_settings (guild_id, max_open_tickets) values ($1, 50) on conflict (guild_id) do update set max_open_tickets = 50`,
      [guild],
    );
    const openerId = snowflake();
    const staffId = snowflake();
    const t = await openTicket(guild, openerId, 'subject', 'description');
    if (from !== 'open')
      await transitionTicket(t.id, from === 'in_progress' ? 'claim' : 'resolve', staffId, true);
    const before = (
      await q('select count(*)::int as n from discord.ticket_events where ticket_id = $1', [t.id])
    ).rows[0].n;
    const actorId = actor === 'staff' ? staffId : actor === 'opener' ? openerId : snowflake();
    const run = transitionTicket(t.id, action, actorId, actor === 'staff');
    const eventCount = async () =>
      (await q('select count(*)::int as n from discord.ticket_events where ticket_id = $1', [t.id])).rows[0]
        .n;
    if (outcome.startsWith('CO')) {
      await expect(run).rejects.toMatchObject({ code: outcome });
      expect(await eventCount()).toBe(before);
      expect((await q('select state from discord.tickets where id = $1', [t.id])).rows[0].state).toBe(from);
    } else {
      expect((await run).state).toBe(outcome);
      expect(await eventCount()).toBe(before + 1);
    }
  });

  it('ticket_events count equals the number of state changes over a random walk', async () => {
    await q(
      `insert into discord.guild_settings (guild_id, max_open_tickets) values ($1, 50) on conflict (guild_id) do update set max_open_tickets = 50`,
      [guild],
    );
    const opener = snowflake();
    const t = await openTicket(guild, opener, 'walk', '');
    let changes = 1; // the 'open' event
    const actions: Action[] = ['claim', 'resolve', 'close', 'reopen'];
    for (let n = 0; n < 60; n++) {
      const action = actions[n % 4 === 0 ? 0 : (n * 7) % 4] as Action;
      const ok = await transitionTicket(t.id, action, n % 2 ? opener : snowflake(), n % 3 !== 0).then(
        () => true,
        () => false,
      );
      if (ok) changes++;
    }
    const n = (await q('select count(*)::int as n from discord.ticket_events where ticket_id = $1', [t.id]))
      .rows[0].n;
    expect(changes).toBeGreaterThan(5);
    expect(n).toBe(changes);
  });

  it('two concurrent opens by one member pass the limit only once', async () => {
    const g2 = '1700000000000000001';
    const opener = snowflake();
    const results = await Promise.allSettled([
      openTicket(g2, opener, 'a', ''),
      openTicket(g2, opener, 'b', ''),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code),
    ).toEqual(['CO409']);
  });
});
