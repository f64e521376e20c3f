import 'server-only';
import type { EmailMessage } from '@/lib/email/send-email';
import { env } from '@/lib/env';
import { formatCents, formatTokens } from './format-money';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The purchase receipt sent once, when the webhook actually credited the wallet. */
export function purchaseReceiptEmail(input: {
  to: string;
  displayName: string;
  tokens: number;
  amountCents: number;
  currency: string;
  checkoutSessionId: string;
  purchasedAt: Date;
}): EmailMessage {
  const base = env().raw.APP_URL ?? 'http://localhost:3000';
  const price = formatCents(input.amountCents, input.currency);
  const tokens = formatTokens(input.tokens);
  const when = `${input.purchasedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
  const text = [
    `Hi ${input.displayName},`,
    '',
    `Thanks for your purchase. ${tokens} tokens were added to your wallet.`,
    '',
    `Tokens:    ${tokens}`,
    `Paid:      ${price}`,
    `Date:      ${when}`,
    `Reference: ${input.checkoutSessionId}`,
    '',
    `See your balance and history: ${base}/wallet`,
    '',
    '— The CommunityOS team',
  ].join('\n');
  const html = `<p>Hi ${escapeHtml(input.displayName)},</p>
<p>Thanks for your purchase. <strong>${escapeHtml(tokens)} tokens</strong> were added to your wallet.</p>
<table cellpadding="4">
<tr><td>Tokens</td><td>${escapeHtml(tokens)}</td></tr>
<tr><td>Paid</td><td>${escapeHtml(price)}</td></tr>
<tr><td>Date</td><td>${escapeHtml(when)}</td></tr>
<tr><td>Reference</td><td>${escapeHtml(input.checkoutSessionId)}</td></tr>
</table>
<p><a href="${base}/wallet">See your balance and history</a></p>
<p>— The CommunityOS team</p>`;
  return {
    to: input.to,
    subject: `Receipt: ${tokens} tokens (${price})`,
    text,
    html,
    tag: 'purchase-receipt',
  };
}
