import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveEnv, SERVICES } from '@/lib/env';

/** .env.example must document every variable lib/env.ts reads, and nothing it does not. */
describe('.env.example', () => {
  const documented = new Set(
    readFileSync('.env.example', 'utf8')
      .split('\n')
      .map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1])
      .filter((v): v is string => Boolean(v)),
  );

  it('lists every service variable', () => {
    const missing = SERVICES.flatMap((s) => s.keys).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });

  it('lists only variables lib/env.ts knows (each parses and is kept)', () => {
    const source = Object.fromEntries([...documented].map((k) => [k, '']));
    const known = Object.keys(resolveEnv(source).raw);
    const unknown = [...documented].filter((k) => !known.includes(k));
    expect(unknown).toEqual([]);
    expect(documented.has('AUTH_SECRET')).toBe(true);
    expect(documented.has('APP_URL')).toBe(true);
  });
});
