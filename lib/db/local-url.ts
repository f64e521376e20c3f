/** True when a database URL points at this machine (db:reset refuses anything else without --force). */
export function isLocalDatabaseUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host);
}
