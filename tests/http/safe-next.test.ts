import { describe, expect, it } from 'vitest';
import { safeNext } from '@/lib/http/safe-next';

describe('safeNext (sign-in return path)', () => {
  it.each([
    ['/admin', '/admin'],
    ['/creators?q=luna&page=2', '/creators?q=luna&page=2'],
    ['/profile#sessions', '/profile#sessions'],
    ['/a/../b', '/b'],
  ])('keeps the on-site path %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    'admin',
    'https://evil.example/x',
    '//evil.example/x',
    '/\\evil.example/x',
    '\\/evil.example',
    '/\t/evil.example/x',
    '/\n/evil.example',
    'javascript:alert(1)',
    `/${'a'.repeat(2001)}`,
  ])('falls back to / for %j', (input) => {
    expect(safeNext(input)).toBe('/');
  });
});
