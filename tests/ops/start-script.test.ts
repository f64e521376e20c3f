import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { v8PoolSize } from '../../scripts/start.mjs';

describe('npm start: V8 worker pool size', () => {
  it('leaves one core for the request thread, at least 1 and at most V8 default of 4', () => {
    expect(v8PoolSize(1, undefined)).toBe(1);
    expect(v8PoolSize(2, undefined)).toBe(1);
    expect(v8PoolSize(3, undefined)).toBe(2);
    expect(v8PoolSize(5, undefined)).toBe(4);
    expect(v8PoolSize(64, undefined)).toBe(4);
  });

  it('takes NODE_V8_POOL_SIZE when set, and refuses a value that is not a whole number ≥ 1', () => {
    expect(v8PoolSize(2, '3')).toBe(3);
    expect(v8PoolSize(2, '')).toBe(1);
    expect(() => v8PoolSize(2, '0')).toThrow(/NODE_V8_POOL_SIZE/);
    expect(() => v8PoolSize(2, 'two')).toThrow(/NODE_V8_POOL_SIZE/);
    expect(() => v8PoolSize(2, '1.5')).toThrow(/NODE_V8_POOL_SIZE/);
  });

  it('runs next start with the flag, passing arguments through and returning its exit code', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs', '--help'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/next start/i);

    const bad = spawnSync(process.execPath, ['scripts/start.mjs', '--no-such-option'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(bad.status).not.toBe(0);
  });

  it('stops before starting anything when NODE_V8_POOL_SIZE is wrong', () => {
    const r = spawnSync(process.execPath, ['scripts/start.mjs', '--help'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NODE_V8_POOL_SIZE: '0' },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/NODE_V8_POOL_SIZE must be a whole number/);
    expect(r.stdout).not.toMatch(/next start/i);
  });
});
