import 'server-only';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import {
  type AuditItem,
  CATEGORIES,
  type Category,
  type Classification,
  type ItemVerdict,
  type Severity,
} from './categories';

/**
 * The local default when ANTHROPIC_API_KEY is not set: rule-based, cost 0, and labelled as such in every
 * report. Profanity comes from the obscenity package's English dataset; a few patterns catch personal
 * data (emails, phone numbers), spam (links, repetition) and self-harm phrases. It is a coarse first
 * pass for humans to review, never a basis for automatic action.
 */
export const LOCAL_MODEL = 'local-rules';

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const PHONE = /(?:\+?\d[\s-]?){9,14}\d/;
const LINK = /https?:\/\/\S+/gi;
const REPEAT = /(.)\1{9,}/;
const SELF_HARM = /\b(kill myself|end my life|want to die|self[- ]harm|hurt myself)\b/i;
const HARASS = /\b(you(?:'re| are) (?:stupid|worthless|pathetic)|nobody likes you|kys)\b/i;

function classifyOne(item: AuditItem): ItemVerdict {
  const text = item.content;
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 'none'])) as Record<Category, Severity>;
  const reasons: string[] = [];
  const profanity = matcher.getAllMatches(text).length;
  if (profanity > 0) {
    categories.toxicity = profanity >= 3 ? 'high' : profanity === 2 ? 'medium' : 'low';
    reasons.push(`${profanity} profane term${profanity === 1 ? '' : 's'}`);
  }
  if (HARASS.test(text)) {
    categories.harassment = 'medium';
    reasons.push('insult aimed at someone');
  }
  if (SELF_HARM.test(text)) {
    categories.self_harm = 'high';
    reasons.push('self-harm phrase');
  }
  if (EMAIL.test(text) || PHONE.test(text)) {
    categories.personal_data = 'medium';
    reasons.push('looks like an email address or phone number');
  }
  const links = text.match(LINK)?.length ?? 0;
  if (links >= 3 || REPEAT.test(text)) {
    categories.spam = links >= 5 ? 'high' : 'medium';
    reasons.push(links >= 3 ? `${links} links` : 'long repeated characters');
  }
  return {
    ref: item.ref,
    categories,
    reason: reasons.length ? `Local rules: ${reasons.join(', ')}.` : 'Local rules: nothing matched.',
  };
}

export function classifyLocally(items: AuditItem[]): Classification {
  return {
    classifier: 'local',
    model: LOCAL_MODEL,
    verdicts: items.map(classifyOne),
    usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  };
}
