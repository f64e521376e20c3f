import 'server-only';
import { asService } from '@/lib/db/tx';
import { env } from '@/lib/env';
import { writeLog } from '@/lib/log/log';
import {
  classifyWithAnthropic,
  estimateInputTokens,
  MAX_OUTPUT_TOKENS,
  anthropicModel,
} from './anthropic-classifier';
import {
  type AuditItem,
  type Classification,
  type ItemVerdict,
  maxSeverity,
  type TokenUsage,
} from './categories';
import { classifyLocally, LOCAL_MODEL } from './local-classifier';

export interface AuditRequest {
  guildId: string;
  invokerId: string;
  interactionId: string;
  command: string;
  items: AuditItem[];
}

export type AuditOutcome =
  | { kind: 'refused'; spent: number; estimate: number; hardLimit: number }
  | {
      kind: 'done';
      classification: Classification;
      costUsd: number;
      usage: TokenUsage;
      queued: number;
      verdicts: ItemVerdict[];
      overBudget: boolean;
    };

interface Reservation {
  allowed: boolean;
  usage_id: number;
  spent: string;
  estimate: string;
  budget: string;
  hard_limit: string;
}

/**
 * One audit: reserve against the guild's hard monthly limit (refused → logged, nothing sent), classify
 * (Anthropic when configured, else the local rules — same accounting path, price 0), settle the usage
 * with the cost computed in SQL, and put flagged items in the moderation queue. No action is ever taken
 * on a member or message.
 */
export async function runAudit(req: AuditRequest): Promise<AuditOutcome> {
  const useAnthropic = env().services.ai.mode === 'managed';
  const model = useAnthropic ? anthropicModel() : LOCAL_MODEL;
  const estInput = useAnthropic ? estimateInputTokens(req.items) : 0;
  const maxOutput = useAnthropic ? MAX_OUTPUT_TOKENS : 0;
  const r = await asService(async (db) => {
    const x = await db.query<Reservation>(
      `select allowed, usage_id, spent::text, estimate::text, budget::text, hard_limit::text
         from discord.ai_reserve($1, $2, $3, $4, $5, $6, $7)`,
      [req.guildId, req.invokerId, req.interactionId, req.command, model, estInput, maxOutput],
    );
    return x.rows[0] as Reservation;
  });
  if (!r.allowed) {
    await writeLog('warn', 'discord audit', 'AI request refused: monthly hard limit', {
      guildId: req.guildId,
      invokerId: req.invokerId,
      interactionId: req.interactionId,
      spent: r.spent,
      estimate: r.estimate,
      hardLimit: r.hard_limit,
    });
    return {
      kind: 'refused',
      spent: Number(r.spent),
      estimate: Number(r.estimate),
      hardLimit: Number(r.hard_limit),
    };
  }

  let classification: Classification;
  try {
    classification = useAnthropic ? await classifyWithAnthropic(req.items) : classifyLocally(req.items);
  } catch (err) {
    const usage = (err as { usage?: TokenUsage }).usage;
    await asService(async (db) => {
      if (usage) {
        // The provider billed the call even though its answer was unusable: account for it.
        await db.query('select discord.ai_settle($1, $2, $3, $4, $5, 0)', [
          r.usage_id,
          usage.input,
          usage.output,
          usage.cacheRead,
          usage.cacheWrite,
        ]);
        await db.query(`update discord.ai_usage set note = $2 where id = $1`, [
          r.usage_id,
          (err as Error).message,
        ]);
      } else {
        await db.query('select discord.ai_fail($1, $2)', [r.usage_id, (err as Error).message]);
      }
    });
    throw err;
  }

  const known = new Map(req.items.map((i) => [i.ref, i]));
  const verdicts = classification.verdicts.filter((v) => known.has(v.ref));
  const { costUsd, queued, monthSpent } = await asService(async (db) => {
    const u = classification.usage;
    const settled = await db.query<{ cost: string }>(
      'select cost_usd::text as cost from discord.ai_settle($1, $2, $3, $4, $5, $6)',
      [r.usage_id, u.input, u.output, u.cacheRead, u.cacheWrite, req.items.length],
    );
    let n = 0;
    for (const v of verdicts) {
      const sev = maxSeverity(v);
      if (sev === 'none') continue;
      const item = known.get(v.ref) as AuditItem;
      const ins = await db.query(
        `insert into discord.moderation_queue (guild_id, channel_id, message_id, author_id, content, categories, max_severity,
                                               reason, classifier, reported_by, interaction_id, usage_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         on conflict (interaction_id, message_id) do nothing`,
        [
          req.guildId,
          item.channelId,
          item.ref,
          item.authorId,
          item.content.slice(0, 4000),
          JSON.stringify(v.categories),
          sev,
          v.reason.slice(0, 300),
          classification.model,
          req.invokerId,
          req.interactionId,
          r.usage_id,
        ],
      );
      n += ins.rowCount ?? 0;
    }
    const spent = await db.query<{ s: string }>('select discord.ai_month_spend($1)::text as s', [
      req.guildId,
    ]);
    return {
      costUsd: Number(settled.rows[0]?.cost ?? 0),
      queued: n,
      monthSpent: Number(spent.rows[0]?.s ?? 0),
    };
  });
  const overBudget = monthSpent > Number(r.budget);
  if (overBudget) {
    await writeLog('warn', 'discord audit', 'AI monthly budget exceeded (hard limit not reached)', {
      guildId: req.guildId,
      monthSpent,
      budget: r.budget,
      hardLimit: r.hard_limit,
    });
  }
  return { kind: 'done', classification, costUsd, usage: classification.usage, queued, verdicts, overBudget };
}
