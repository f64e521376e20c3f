import { formatTokens } from '@/lib/payments/format-money';

/** "1 token" / "1,200 tokens": amounts shown in running text and buttons. */
export function tokensLabel(n: number): string {
  return `${formatTokens(n)} ${n === 1 ? 'token' : 'tokens'}`;
}
