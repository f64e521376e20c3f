import 'server-only';
import { asService } from '@/lib/db/tx';
import { DiscordApiError, discordRest } from '@/lib/discord/rest';
import { writeLog } from '@/lib/log/log';

/**
 * Discord role per tier. A linked fan (discord.links) with a live subscription to a tier that maps to a
 * role gets it (PUT /guilds/{g}/members/{u}/roles/{r}, with an audit-log reason); when the subscription
 * ends (expiry, refund, cancellation at period end) the bot removes the role it gave. Failures never
 * reach the fan: they are stored with the fix and shown on the creator's subscriptions page. The hourly
 * reconciliation compares Discord with the database and fixes drift both ways, for linked fans only — the
 * bot never touches anyone it does not know as a subscriber.
 */

interface Target {
  subscription_id: string;
  creator_id: string;
  tier_id: string;
  tier_name: string;
  creator_username: string;
  guild_id: string;
  role_id: string;
  discord_user_id: string;
  entitled: boolean;
  granted: boolean | null;
}

// A subscription gives access while active (a cancelled one until its period ends) or in grace.
const TARGETS_SQL = `
  select s.id as subscription_id, s.creator_id, t.id as tier_id, t.name as tier_name, c.username as creator_username,
         t.discord_guild_id as guild_id, t.discord_role_id as role_id, l.discord_user_id,
         ((s.status = 'active' and (not s.cancel_at_period_end or s.current_period_end > now()))
           or (s.status = 'grace' and s.grace_until > now())) as entitled,
         g.granted
    from public.subscriptions s
    join public.subscription_tiers t on t.id = s.tier_id
    join public.profiles c on c.id = s.creator_id
    join discord.links l on l.profile_id = s.fan_id
    left join private.subscription_role_grants g
      on g.subscription_id = s.id and g.guild_id = t.discord_guild_id and g.role_id = t.discord_role_id
   where t.discord_role_id is not null and ($1::uuid is null or s.id = $1)
   order by t.discord_guild_id, l.discord_user_id, s.started_at desc`;

export type RoleChange = 'added' | 'removed' | 'unchanged' | 'failed' | 'skipped';

/** Known Discord error codes → what the creator should do. */
export function roleFailureFix(status: number | null, code: number | null, roleId: string): string {
  if (status === 403 || code === 50013 || code === 50001) {
    return `The bot lacks permission. In Server Settings → Roles give the bot's role "Manage Roles", and drag the bot's role above the role ${roleId}: Discord only lets a bot assign roles below its own highest role.`;
  }
  if (code === 10011)
    return `Role ${roleId} no longer exists in the server. Edit the tier and enter an existing role id.`;
  if (code === 10004)
    return 'The bot is not in this server (or the server id is wrong). Invite the bot, or correct the server id on the tier.';
  if (code === 10007 || code === 10013)
    return "The fan's Discord account is not a member of your server. Once they join, the next reconciliation gives them the role.";
  if (status === null)
    return 'Discord is not configured on this platform (no bot token). Ask an administrator.';
  return `Discord answered ${status}. The hourly reconciliation retries it.`;
}

async function recordFailure(
  t: { creator_id: string; tier_id: string; guild_id: string; role_id: string },
  userId: string | null,
  action: 'add' | 'remove' | 'list',
  err: unknown,
): Promise<void> {
  const status = err instanceof DiscordApiError ? err.status : null;
  const body =
    err instanceof DiscordApiError ? (err.body as { code?: unknown; message?: unknown } | null) : null;
  const code = typeof body?.code === 'number' ? body.code : null;
  const message =
    err instanceof DiscordApiError
      ? `Discord ${err.method} → ${err.status}${typeof body?.message === 'string' ? `: ${body.message}` : ''}`
      : err instanceof Error
        ? err.message
        : String(err);
  await asService((db) =>
    db.query(
      // The same open failure is recorded once (the hourly reconciliation would otherwise repeat it).
      `insert into private.subscription_role_failures
         (creator_id, tier_id, guild_id, role_id, discord_user_id, action, http_status, discord_code, message, fix)
       select $1, $2, $3, $4, $5::text, $6, $7::integer, $8::integer, $9, $10
        where not exists (
          select 1 from private.subscription_role_failures f
           where f.creator_id = $1 and f.guild_id = $3 and f.role_id = $4 and f.resolved_at is null
             and f.discord_user_id is not distinct from $5::text and f.action = $6
             and f.http_status is not distinct from $7::integer and f.discord_code is not distinct from $8::integer)`,
      [
        t.creator_id,
        t.tier_id,
        t.guild_id,
        t.role_id,
        userId,
        action,
        status,
        code,
        message.slice(0, 500),
        roleFailureFix(status, code, t.role_id),
      ],
    ),
  );
}

async function markDone(t: Target, granted: boolean): Promise<void> {
  await asService(async (db) => {
    await db.query(
      `insert into private.subscription_role_grants (subscription_id, guild_id, role_id, discord_user_id, granted)
       values ($1, $2, $3, $4, $5)
       on conflict (subscription_id, guild_id, role_id)
       do update set granted = excluded.granted, discord_user_id = excluded.discord_user_id, updated_at = now()`,
      [t.subscription_id, t.guild_id, t.role_id, t.discord_user_id, granted],
    );
    // Success on this role proves the permission problems on it are fixed.
    await db.query(
      `update private.subscription_role_failures set resolved_at = now()
        where creator_id = $1 and guild_id = $2 and role_id = $3 and resolved_at is null
          and (discord_user_id is null or discord_user_id = $4 or http_status = 403)`,
      [t.creator_id, t.guild_id, t.role_id, t.discord_user_id],
    );
  });
}

const rolePath = (t: Target) => `/guilds/${t.guild_id}/members/${t.discord_user_id}/roles/${t.role_id}`;

async function apply(t: Target, add: boolean): Promise<RoleChange> {
  const reason = add
    ? `CommunityOS: subscribed to @${t.creator_username} (${t.tier_name})`
    : `CommunityOS: subscription to @${t.creator_username} (${t.tier_name}) ended`;
  try {
    await discordRest().request(add ? 'PUT' : 'DELETE', rolePath(t), { reason });
  } catch (err) {
    // Network errors and NOT_CONFIGURED included: the subscription stands, the creator sees what to fix.
    await recordFailure(t, t.discord_user_id, add ? 'add' : 'remove', err);
    return 'failed';
  }
  await markDone(t, add);
  return add ? 'added' : 'removed';
}

/** Brings one subscription's role in line with its state (after subscribe, cancel, refund, expiry). */
export async function syncSubscriptionRole(subscriptionId: string): Promise<RoleChange> {
  const r = await asService((db) => db.query<Target>(TARGETS_SQL, [subscriptionId]));
  const t = r.rows[0];
  if (!t) return 'skipped'; // no role mapped, or the fan has not linked Discord
  if (t.entitled && t.granted !== true) return apply(t, true);
  if (!t.entitled && t.granted === true) return apply(t, false);
  return 'unchanged';
}

export interface ReconcileResult {
  checked: number;
  added: number;
  removed: number;
  failed: number;
  changes: { guildId: string; roleId: string; userId: string; change: 'added' | 'removed' }[];
}

/**
 * Drift repair: for every linked fan who ever subscribed to a tier with a role, read their member record
 * from Discord and add the role when entitled but missing, remove it when present but not entitled
 * (someone removed it by hand, or a removal failed). Logs every change it made.
 */
export async function reconcileDiscordRoles(): Promise<ReconcileResult> {
  const r = await asService((db) => db.query<Target>(TARGETS_SQL, [null]));
  // One decision per (guild, role, user): the most recent subscription wins; entitled if any live one is.
  const byKey = new Map<string, Target>();
  for (const t of r.rows) {
    const key = `${t.guild_id}|${t.role_id}|${t.discord_user_id}`;
    const prev = byKey.get(key);
    if (!prev || (t.entitled && !prev.entitled)) byKey.set(key, t);
  }
  const out: ReconcileResult = { checked: 0, added: 0, removed: 0, failed: 0, changes: [] };
  for (const t of byKey.values()) {
    out.checked++;
    let roles: string[];
    try {
      const m = await discordRest().get<{ roles?: string[] }>(
        `/guilds/${t.guild_id}/members/${t.discord_user_id}`,
      );
      roles = m.roles ?? [];
    } catch (err) {
      if (err instanceof DiscordApiError && err.status === 404) continue; // not in the server: nothing to fix
      await recordFailure(t, t.discord_user_id, 'list', err);
      out.failed++;
      continue;
    }
    const has = roles.includes(t.role_id);
    if (t.entitled === has) {
      if (t.granted !== has) await markDone(t, has);
      continue;
    }
    const change = await apply(t, t.entitled);
    if (change === 'added' || change === 'removed') {
      out[change]++;
      out.changes.push({ guildId: t.guild_id, roleId: t.role_id, userId: t.discord_user_id, change });
    } else if (change === 'failed') {
      out.failed++;
    }
  }
  if (out.changes.length > 0 || out.failed > 0) {
    await writeLog(
      'info',
      'subscriptions.discord-reconcile',
      `fixed ${out.changes.length} role(s), ${out.failed} failure(s)`,
      {
        changes: out.changes,
      },
    );
  }
  return out;
}
