/**
 * Route handlers read cookies through next/headers, which only works inside a Next request. Tests replace
 * it with this in-memory jar (vi.mock in each file), so the real handlers, auth and database run unchanged.
 */
export interface CookieJar {
  values: Map<string, string>;
  lastOptions: Map<string, Record<string, unknown>>;
}

export const jar: CookieJar = { values: new Map(), lastOptions: new Map() };

export function cookieStore() {
  return {
    get: (name: string) =>
      jar.values.has(name) ? { name, value: jar.values.get(name) as string } : undefined,
    getAll: () => [...jar.values].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.values.has(name),
    set: (name: string, value: string, options: Record<string, unknown> = {}) => {
      jar.values.set(name, value);
      jar.lastOptions.set(name, options);
    },
    delete: (name: string) => {
      jar.values.delete(name);
    },
  };
}

export const nextHeadersMock = () => ({
  cookies: async () => cookieStore(),
  headers: async () => new Headers(),
});
