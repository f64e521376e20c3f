/** Display helpers shared by server pages and client components (no secrets, no database). */

export function formatCents(cents: number, currency = 'usd'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(
    cents / 100,
  );
}

export function formatTokens(tokens: number): string {
  return new Intl.NumberFormat('en-US').format(tokens);
}

/** "+1,200" / "−50" (a real minus sign) for signed ledger amounts. */
export function formatSignedTokens(tokens: number): string {
  const abs = formatTokens(Math.abs(tokens));
  return tokens > 0 ? `+${abs}` : tokens < 0 ? `\u2212${abs}` : abs;
}

/** Price per token in cents with sub-cent precision, e.g. 9.99 → "9.99¢". */
export function formatCentsPerToken(priceCents: number, tokens: number): string {
  const perToken = priceCents / tokens;
  return `${perToken.toFixed(perToken < 10 ? 2 : 1)}¢`;
}

/**
 * Discount of each package against the most expensive per-token price in the list (the smallest
 * package), in whole percent; 0 for the baseline itself.
 */
export function packageDiscounts<T extends { id: string; tokens: number; price_cents: number }>(
  packages: readonly T[],
): Map<string, number> {
  const perToken = packages.map((p) => p.price_cents / p.tokens);
  const base = Math.max(0, ...perToken);
  return new Map(
    packages.map((p, i) => [
      p.id,
      base > 0 ? Math.max(0, Math.round((1 - (perToken[i] ?? base) / base) * 100)) : 0,
    ]),
  );
}
