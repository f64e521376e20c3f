import { z } from 'zod';

/** The categories every audit reports, each with a severity, plus a one-line reason per item. */
export const CATEGORIES = [
  'toxicity',
  'harassment',
  'hate',
  'sexual',
  'self_harm',
  'spam',
  'personal_data',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEVERITIES = ['none', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ItemVerdictSchema = z.object({
  ref: z.string(),
  categories: z.object(
    Object.fromEntries(CATEGORIES.map((c) => [c, z.enum(SEVERITIES)])) as Record<
      Category,
      z.ZodEnum<{ [K in Severity]: K }>
    >,
  ),
  reason: z.string().max(300),
});
export type ItemVerdict = z.infer<typeof ItemVerdictSchema>;

export const VerdictsSchema = z.object({ items: z.array(ItemVerdictSchema) });

export interface AuditItem {
  /** A short reference the classifier echoes back (the message id). */
  ref: string;
  content: string;
  authorId: string | null;
  channelId: string | null;
}

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface Classification {
  classifier: 'anthropic' | 'local';
  model: string;
  verdicts: ItemVerdict[];
  usage: TokenUsage;
}

export function maxSeverity(v: ItemVerdict): Severity {
  let best = 0;
  for (const c of CATEGORIES) best = Math.max(best, SEVERITIES.indexOf(v.categories[c]));
  return SEVERITIES[best] ?? 'none';
}
