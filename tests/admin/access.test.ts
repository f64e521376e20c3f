import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { jsonRequest, makeUser, params, signInAs, sql, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';

/**
 * Every admin route, table-driven: anonymous → 401, fan/creator/staff → 403, and nothing changes (no audit
 * row, bot not paused, no decision). An admin gets through (not 401/403) on each of them.
 */
// biome-ignore lint/suspicious/noExplicitAny: each route types its own params; the table calls them uniformly
type Handler = (req: Request, ctx?: any) => Promise<Response>;
interface Case {
  name: string;
  handler: () => Promise<Handler>;
  url: string;
  body?: unknown;
  params?: Record<string, string>;
}

const UUID = '00000000-0000-4000-8000-000000000001';
const cases: Case[] = [
  {
    name: 'GET /api/admin/health',
    handler: async () => (await import('@/app/api/admin/health/route')).GET,
    url: '/api/admin/health',
  },
  {
    name: 'GET /api/admin/bot',
    handler: async () => (await import('@/app/api/admin/bot/route')).GET,
    url: '/api/admin/bot',
  },
  {
    name: 'POST /api/admin/bot',
    handler: async () => (await import('@/app/api/admin/bot/route')).POST,
    url: '/api/admin/bot',
    body: { paused: true, reason: 'not allowed' },
  },
  {
    name: 'GET /api/admin/cache/flush',
    handler: async () => (await import('@/app/api/admin/cache/flush/route')).GET,
    url: '/api/admin/cache/flush',
  },
  {
    name: 'POST /api/admin/cache/flush',
    handler: async () => (await import('@/app/api/admin/cache/flush/route')).POST,
    url: '/api/admin/cache/flush',
    body: { reason: 'not allowed' },
  },
  {
    name: 'GET /api/admin/logs',
    handler: async () => (await import('@/app/api/admin/logs/route')).GET,
    url: '/api/admin/logs',
  },
  {
    name: 'POST /api/admin/logs/test-error',
    handler: async () => (await import('@/app/api/admin/logs/test-error/route')).POST,
    url: '/api/admin/logs/test-error',
    body: {},
  },
  {
    name: 'GET /api/admin/ai-costs',
    handler: async () => (await import('@/app/api/admin/ai-costs/route')).GET,
    url: '/api/admin/ai-costs',
  },
  {
    name: 'POST /api/admin/ai-costs/budgets',
    handler: async () => (await import('@/app/api/admin/ai-costs/budgets/route')).POST,
    url: '/api/admin/ai-costs/budgets',
    body: { guildId: '1', budgetUsd: 1, hardLimitUsd: 2, reason: 'not allowed' },
  },
  {
    name: 'POST /api/admin/ai-costs/cycle',
    handler: async () => (await import('@/app/api/admin/ai-costs/cycle/route')).POST,
    url: '/api/admin/ai-costs/cycle',
    body: { startDay: 5, reason: 'not allowed' },
  },
  {
    name: 'GET /api/admin/users',
    handler: async () => (await import('@/app/api/admin/users/route')).GET,
    url: '/api/admin/users',
  },
  {
    name: 'GET /api/admin/users/[id]',
    handler: async () => (await import('@/app/api/admin/users/[id]/route')).GET,
    url: `/api/admin/users/${UUID}`,
    params: { id: UUID },
  },
  {
    name: 'POST /api/admin/users/[id]/role',
    handler: async () => (await import('@/app/api/admin/users/[id]/role/route')).POST,
    url: `/api/admin/users/${UUID}/role`,
    body: { role: 'admin', reason: 'not allowed' },
    params: { id: UUID },
  },
  {
    name: 'POST /api/admin/users/[id]/ban',
    handler: async () => (await import('@/app/api/admin/users/[id]/ban/route')).POST,
    url: `/api/admin/users/${UUID}/ban`,
    body: { banned: true, reason: 'not allowed' },
    params: { id: UUID },
  },
  {
    name: 'GET /api/admin/applications',
    handler: async () => (await import('@/app/api/admin/applications/route')).GET,
    url: '/api/admin/applications',
  },
  {
    name: 'POST /api/admin/applications/[id]/decision',
    handler: async () => (await import('@/app/api/admin/applications/[id]/decision/route')).POST,
    url: `/api/admin/applications/${UUID}/decision`,
    body: { decision: 'approve', reason: 'not allowed' },
    params: { id: UUID },
  },
  {
    name: 'GET /api/admin/moderation',
    handler: async () => (await import('@/app/api/admin/moderation/route')).GET,
    url: '/api/admin/moderation',
  },
  {
    name: 'POST /api/admin/moderation/[id]/decision',
    handler: async () => (await import('@/app/api/admin/moderation/[id]/decision/route')).POST,
    url: '/api/admin/moderation/1/decision',
    body: { source: 'report', decision: 'dismiss', reason: 'not allowed' },
    params: { id: '1' },
  },
  {
    name: 'GET /api/admin/metrics',
    handler: async () => (await import('@/app/api/admin/metrics/route')).GET,
    url: '/api/admin/metrics?from=2026-11-01&to=2026-11-23',
  },
  {
    name: 'GET /api/admin/ledger/check',
    handler: async () => (await import('@/app/api/admin/ledger/check/route')).GET,
    url: '/api/admin/ledger/check',
  },
];

let users: Record<'fan' | 'creator' | 'staff' | 'admin', TestUser>;
beforeAll(async () => {
  users = {
    fan: await makeUser('fan'),
    creator: await makeUser('creator'),
    staff: await makeUser('staff'),
    admin: await makeUser('admin'),
  };
});

const call = async (c: Case) =>
  (await c.handler())(jsonRequest(c.url, c.body), c.params ? params(c.params) : undefined);

describe('admin routes refuse everyone but admins', () => {
  const who = [
    ['anonymous', null, 401, 'AUTH_REQUIRED'],
    ['fan', 'fan', 403, 'FORBIDDEN'],
    ['creator', 'creator', 403, 'FORBIDDEN'],
    ['staff', 'staff', 403, 'FORBIDDEN'],
  ] as const;
  for (const [label, role, status, code] of who) {
    it.each(cases)(`${label}: %s → ${status}`, async (c) => {
      await signInAs(role ? users[role] : null);
      const res = await call(c);
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    });
  }

  it('nothing changed for any refused call', async () => {
    expect(await sql('select action from public.admin_audit_log')).toEqual([]);
    expect(await sql('select paused from discord.bot_state')).toEqual([{ paused: false }]);
    expect(await sql(`select level from private.app_logs where level = 'error'`)).toEqual([]);
  });

  it.each(cases)('admin: %s is not refused', async (c) => {
    await signInAs(users.admin);
    const res = await call(c);
    expect([401, 403]).not.toContain(res.status);
  });
});

describe('admin pages refuse everyone but admins (server-side guard)', () => {
  const pages: [string, () => Promise<unknown>][] = [
    ['/admin', async () => (await import('@/app/admin/page')).default({ searchParams: Promise.resolve({}) })],
    ['/admin/health', async () => (await import('@/app/admin/health/page')).default()],
    ['/admin/ai-costs', async () => (await import('@/app/admin/ai-costs/page')).default()],
    ['/admin/logs', async () => (await import('@/app/admin/logs/page')).default()],
    [
      '/admin/users',
      async () => (await import('@/app/admin/users/page')).default({ searchParams: Promise.resolve({}) }),
    ],
    [
      '/admin/users/[id]',
      async () =>
        (await import('@/app/admin/users/[id]/page')).default({ params: Promise.resolve({ id: UUID }) }),
    ],
    [
      '/admin/applications',
      async () =>
        (await import('@/app/admin/applications/page')).default({ searchParams: Promise.resolve({}) }),
    ],
    [
      '/admin/moderation',
      async () =>
        (await import('@/app/admin/moderation/page')).default({ searchParams: Promise.resolve({}) }),
    ],
    [
      '/admin/metrics',
      async () => (await import('@/app/admin/metrics/page')).default({ searchParams: Promise.resolve({}) }),
    ],
    [
      '/admin/audit',
      async () => (await import('@/app/admin/audit/page')).default({ searchParams: Promise.resolve({}) }),
    ],
    [
      '/admin/ledger',
      async () =>
        (await import('@/app/admin/ledger/page')).default({ searchParams: Promise.resolve({}) } as never),
    ],
  ];
  const digest = async (render: () => Promise<unknown>) => {
    try {
      await render();
      return 'rendered';
    } catch (e) {
      return String((e as { digest?: unknown }).digest ?? (e as Error).message);
    }
  };
  it.each(pages)('anonymous: %s redirects to sign-in', async (path, render) => {
    await signInAs(null);
    expect(await digest(render)).toMatch(/^NEXT_REDIRECT;replace;\/signin\?next=%2Fadmin/);
    expect(path.startsWith('/admin')).toBe(true);
  });
  for (const role of ['fan', 'creator', 'staff'] as const) {
    it.each(pages)(`${role}: %s is forbidden (403)`, async (_path, render) => {
      await signInAs(users[role]);
      expect(await digest(render)).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    });
  }
});
