import { beforeEach, describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import { fake } from '../discord/setup';
import type { TestUser } from '../ledger/helpers';
import { creatorWithFans, saveTier } from './helpers';

/** Tier roles through the HTTP fake of Discord REST: add, remove, reconcile drift, failures with the fix. */

const { syncSubscriptionRole, reconcileDiscordRoles } = await import('@/lib/subscriptions/discord-roles');
const {
  cancelSubscription,
  refundSubscription,
  subscribe: subscribeLib,
} = await import('@/lib/subscriptions/subscribe');
const { renewSubscriptions } = await import('@/lib/subscriptions/renew');
const { myRoleFailures } = await import('@/lib/subscriptions/subscribers');

const GUILD = '1200000000000000777';
const ROLE = '1400000000000000001';

/** The guild's member roles as the fake holds them. */
const roles = new Map<string, Set<string>>();
let denyWith: { status: number; body: unknown } | null = null;

function installGuild(): void {
  fake.reset();
  fake.on('GET /guilds/:g/members/:u', (_req, p) => {
    const r = roles.get(p.u as string);
    return r
      ? { body: { user: { id: p.u }, roles: [...r] } }
      : { status: 404, body: { message: 'Unknown Member', code: 10007 } };
  });
  fake.on('PUT /guilds/:g/members/:u/roles/:r', (_req, p) => {
    if (denyWith) return denyWith;
    roles.get(p.u as string)?.add(p.r as string);
    return { status: 204 };
  });
  fake.on('DELETE /guilds/:g/members/:u/roles/:r', (_req, p) => {
    if (denyWith) return denyWith;
    roles.get(p.u as string)?.delete(p.r as string);
    return { status: 204 };
  });
}

beforeEach(() => {
  roles.clear();
  denyWith = null;
  installGuild();
});

let seq = 0;
async function link(user: TestUser): Promise<string> {
  seq += 1;
  const discordId = `15000000000000${String(seq).padStart(5, '0')}`;
  await asService((db) =>
    db.query(
      'insert into discord.links (discord_user_id, profile_id, discord_username) values ($1, $2, $3)',
      [discordId, user.id, user.username],
    ),
  );
  roles.set(discordId, new Set());
  return discordId;
}

async function setup() {
  const { creator, fans, tiers } = await creatorWithFans([1000, 1000]);
  const tier = tiers[0];
  if (!tier) throw new Error('setup');
  await saveTier(creator, {
    id: tier.id,
    level: 1,
    name: tier.name,
    price: tier.price,
    guild: GUILD,
    role: ROLE,
  });
  return { creator, fans: fans as [TestUser, TestUser], tier };
}

describe('Discord role per tier', () => {
  it('adds the role with an audit-log reason when a linked fan subscribes; an unlinked fan causes no call', async () => {
    const { fans, tier } = await setup();
    const [linked, unlinked] = fans;
    const did = await link(linked);
    await subscribeLib(linked.claims, tier.id);
    const puts = fake.find('PUT', `/guilds/${GUILD}/members/${did}/roles/${ROLE}`);
    expect(puts).toHaveLength(1);
    expect(decodeURIComponent(String(puts[0]?.headers['x-audit-log-reason']))).toContain(
      'subscribed to @subc_',
    );
    expect(roles.get(did)?.has(ROLE)).toBe(true);
    fake.requests.length = 0;
    await subscribeLib(unlinked.claims, tier.id);
    expect(fake.requests).toHaveLength(0);
  });

  it('removes it on expiry (cancel → period end) and on refund', async () => {
    const { creator, fans, tier } = await setup();
    const [a, b] = fans;
    const da = await link(a);
    const db_ = await link(b);
    const sa = await subscribeLib(a.claims, tier.id);
    const sb = await subscribeLib(b.claims, tier.id);
    expect(roles.get(da)?.has(ROLE) && roles.get(db_)?.has(ROLE)).toBe(true);
    // a cancels: still has the role until the period ends.
    await cancelSubscription(a.claims, sa.id);
    expect(roles.get(da)?.has(ROLE)).toBe(true);
    await asService((db) =>
      db.query(
        `update public.subscriptions set current_period_start = now() - interval '1 month', current_period_end = now() - interval '1 minute' where id = $1`,
        [sa.id],
      ),
    );
    const r = await renewSubscriptions();
    expect(r.expired).toBe(1);
    expect(roles.get(da)?.has(ROLE)).toBe(false);
    const del = fake.find('DELETE', `/guilds/${GUILD}/members/${da}/roles/${ROLE}`);
    expect(decodeURIComponent(String(del[0]?.headers['x-audit-log-reason']))).toContain('ended');
    // b is refunded by the creator.
    await refundSubscription(creator.claims, sb.id, 'asked for it');
    expect(roles.get(db_)?.has(ROLE)).toBe(false);
  });

  it('reconciliation fixes drift both ways for linked fans only, and logs it', async () => {
    const { creator, fans, tier } = await setup();
    const [a, b] = fans;
    const da = await link(a);
    const dbb = await link(b);
    await subscribeLib(a.claims, tier.id);
    // Someone removed a's role by hand; b (linked, never entitled now) got the role by hand after an old subscription.
    roles.get(da)?.delete(ROLE);
    const sb = await subscribeLib(b.claims, tier.id);
    await asService((db) =>
      db.query(
        `update public.subscriptions set status = 'expired', ended_at = now(), end_reason = 'canceled' where id = $1`,
        [sb.id],
      ),
    );
    roles.get(dbb)?.add(ROLE);
    // A member we do not know as a subscriber keeps any role.
    roles.set('1599999999999999999', new Set([ROLE]));
    const out = await reconcileDiscordRoles();
    expect(out.changes.sort((x, y) => x.change.localeCompare(y.change))).toEqual([
      { guildId: GUILD, roleId: ROLE, userId: da, change: 'added' },
      { guildId: GUILD, roleId: ROLE, userId: dbb, change: 'removed' },
    ]);
    expect(roles.get(da)?.has(ROLE)).toBe(true);
    expect(roles.get(dbb)?.has(ROLE)).toBe(false);
    expect(roles.get('1599999999999999999')?.has(ROLE)).toBe(true);
    // Nothing left to fix: a second run changes nothing.
    expect((await reconcileDiscordRoles()).changes).toEqual([]);
    const logs = await asService((db) =>
      db.query(`select 1 from private.app_logs where source = 'subscriptions.discord-reconcile'`),
    );
    expect(logs.rowCount).toBe(1);
    expect(creator).toBeTruthy();
  });

  it('a 403 (missing permission / role above the bot) is stored with the fix for the creator, not thrown', async () => {
    const { creator, fans, tier } = await setup();
    const [a] = fans;
    await link(a);
    denyWith = { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
    const sub = await subscribeLib(a.claims, tier.id);
    expect(sub.status).toBe('active');
    const failures = await myRoleFailures(creator.claims);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      httpStatus: 403,
      discordCode: 50013,
      action: 'add',
      tierName: tier.name,
    });
    expect(failures[0]?.fix).toContain('Manage Roles');
    expect(failures[0]?.fix).toContain('above the role');
    // The same failure again (the reconciliation retrying) is not listed twice.
    await reconcileDiscordRoles();
    expect(await myRoleFailures(creator.claims)).toHaveLength(1);
    // The fan cannot read the creator's failures.
    expect(await myRoleFailures(a.claims)).toEqual([]);
    // Once the creator fixes permissions, the reconciliation adds the role and the failure is resolved.
    denyWith = null;
    const out = await reconcileDiscordRoles();
    expect(out.added).toBe(1);
    expect(await myRoleFailures(creator.claims)).toEqual([]);
    expect(await syncSubscriptionRole(sub.id)).toBe('unchanged');
  });
});
