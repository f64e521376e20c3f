import 'server-only';
import { type APIInteraction, ApplicationCommandType, InteractionType } from 'discord-api-types/v10';
import { asService } from '@/lib/db/tx';
import type { AuditItem } from '../audit/categories';
import { renderAuditReport } from '../audit/report';
import { runAudit } from '../audit/run-audit';
import { guildSettings } from '../guild-settings';
import { invokerOf, isStaff, optionValue } from '../interaction';
import { deferred, ephemeral, type InteractionOutcome } from '../reply';

const STAFF_ONLY_MESSAGE = 'Only staff can run audits.';

async function audit(i: APIInteraction, command: string, items: AuditItem[]): Promise<InteractionOutcome> {
  const who = invokerOf(i);
  const guildId = i.guild_id as string;
  return deferred(i, true, async () => {
    const outcome = await runAudit({
      guildId,
      invokerId: who?.id ?? 'unknown',
      interactionId: i.id,
      command,
      items,
    });
    return { content: renderAuditReport(outcome, new Map(items.map((x) => [x.ref, x.authorId]))) };
  });
}

async function guard(i: APIInteraction): Promise<string | null> {
  if (!i.guild_id || !invokerOf(i)) return 'Audits work inside the server.';
  const settings = await guildSettings(i.guild_id);
  return isStaff(i, settings.staff_role_id) ? null : STAFF_ONLY_MESSAGE;
}

/** /audit member [limit]: the member's latest stored messages (default 10, at most 50). Staff only. */
export async function auditCommand(i: APIInteraction): Promise<InteractionOutcome> {
  const denied = await guard(i);
  if (denied) return ephemeral(denied);
  const memberId = String(optionValue(i, 'member') ?? '');
  const limit = Math.min(50, Math.max(1, Number(optionValue(i, 'limit') ?? 10)));
  const rows = await asService(async (db) => {
    const r = await db.query<{ id: string; content: string; channel_id: string }>(
      `select id, content, channel_id from discord.messages
        where guild_id = $1 and author_id = $2 and content <> ''
        order by created_at desc, id desc limit $3`,
      [i.guild_id, memberId, limit],
    );
    return r.rows;
  });
  if (rows.length === 0) return ephemeral(`No stored messages of <@${memberId}> to audit yet.`);
  return audit(
    i,
    'audit',
    rows.map((r) => ({ ref: r.id, content: r.content, authorId: memberId, channelId: r.channel_id })),
  );
}

/** Message context menu "Audit message". Staff only. */
export async function auditMessageCommand(i: APIInteraction): Promise<InteractionOutcome> {
  const denied = await guard(i);
  if (denied) return ephemeral(denied);
  if (i.type !== InteractionType.ApplicationCommand || i.data.type !== ApplicationCommandType.Message) {
    return ephemeral('Use "Audit message" from a message’s Apps menu.');
  }
  const message = i.data.resolved.messages[i.data.target_id];
  if (!message?.content) return ephemeral('That message has no text to audit.');
  return audit(i, 'Audit message', [
    { ref: message.id, content: message.content, authorId: message.author.id, channelId: message.channel_id },
  ]);
}
