/**
 * The return path after sign-in: only a path on this site. Anything that a browser could read as another
 * origin (`//host`, `/\host`, control characters that browsers strip, absolute URLs) falls back to '/'.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//')) return fallback;
  // Backslashes and C0/DEL controls (tab, newline…) are normalised away by browsers, e.g. "/\t/evil" → "//evil".
  for (const ch of next) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || code < 0x20 || code === 0x7f) return fallback;
  }
  const base = 'http://communityos.invalid';
  try {
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
