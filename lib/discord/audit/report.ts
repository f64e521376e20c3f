import { CATEGORIES, type ItemVerdict, maxSeverity } from './categories';
import type { AuditOutcome } from './run-audit';

const usd = (n: number) => `$${n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '.00')}`;

/** The ephemeral report the invoker sees. It states plainly that nothing was done automatically. */
export function renderAuditReport(outcome: AuditOutcome, authors: Map<string, string | null>): string {
  if (outcome.kind === 'refused') {
    return [
      '**Audit refused: this server’s monthly AI limit is reached.**',
      `Spent this month: ${usd(outcome.spent)} · hard limit: ${usd(outcome.hardLimit)} · this request would need about ${usd(outcome.estimate)}.`,
      'Nothing was sent to the AI. The refusal was logged; an admin can raise the limit.',
    ].join('\n');
  }
  const c = outcome.classification;
  const head =
    c.classifier === 'local'
      ? '**Audit report** — local rule-based classifier (no AI model; cost $0)'
      : `**Audit report** — ${c.model} · ${outcome.usage.input + outcome.usage.cacheRead + outcome.usage.cacheWrite} in / ${outcome.usage.output} out tokens · cost ${usd(outcome.costUsd)}`;
  const lines = outcome.verdicts.map((v: ItemVerdict) => {
    const author = authors.get(v.ref);
    const who = author ? ` by <@${author}>` : '';
    if (maxSeverity(v) === 'none') return `• \`${v.ref}\`${who}: nothing flagged`;
    const flags = CATEGORIES.filter((k) => v.categories[k] !== 'none')
      .map((k) => `${k.replace('_', '-')}: ${v.categories[k]}`)
      .join(', ');
    return `• \`${v.ref}\`${who}: ⚠ ${flags} — ${v.reason}`;
  });
  const tail =
    outcome.queued > 0
      ? `${outcome.queued} item${outcome.queued === 1 ? '' : 's'} added to the moderation queue for human review. No action was taken.`
      : 'Nothing was added to the moderation queue. No action was taken.';
  const budget = outcome.overBudget
    ? '\n_This server is over its monthly AI budget (the hard limit is not reached yet)._'
    : '';
  return [head, ...lines, tail].join('\n').slice(0, 1900) + budget;
}
