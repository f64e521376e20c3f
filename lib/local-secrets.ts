import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Local mode only: a secret generated once into the gitignored .data/secrets.json under `key`, so it
 * survives restarts. Other keys in the file are kept. Callers refuse this path in production.
 */
export function storedLocalSecret(key: string, generate: () => string): string {
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), '.data');
  const file = path.join(dir, 'secrets.json');
  const stored = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string | undefined>)
    : {};
  const existing = stored[key];
  if (existing) return existing;
  const secret = generate();
  stored[key] = secret;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  return secret;
}
