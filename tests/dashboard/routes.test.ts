import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';

vi.mock('next/headers', () => nextHeadersMock());

/** The /api/dashboard routes over their real handlers: auth, roles, guild isolation, CSV exports, errors. */

const { POST: signin } = await import('@/app/api/auth/signin/route');
const guildsRoute = await import('@/app/api/dashboard/guilds/route');
const guildRoute = await import('@/app/api/dashboard/guilds/[guildId]/route');
const top = await import('@/app/api/dashboard/guilds/[guildId]/top/route');
const rising = await import('@/app/api/dashboard/guilds/[guildId]/rising/route');
const churn = await import('@/app/api/dashboard/guilds/[guildId]/churn/route');
const scouter = await import('@/app/api/dashboard/guilds/[guildId]/scouter/route');
const daily = await import('@/app/api/dashboard/guilds/[guildId]/daily/route');
const campaigns = await import('@/app/api/dashboard/guilds/[guildId]/campaigns/route');
const campaign = await import('@/app/api/dashboard/guilds/[guildId]/campaigns/[campaignId]/route');
const tickets = await import('@/app/api/dashboard/guilds/[guildId]/tickets/route');
const ticketStaff = await import('@/app/api/dashboard/guilds/[guildId]/ticket-staff/route');
const staffRoute = await import('@/app/api/dashboard/guilds/[guildId]/staff/route');
const { createLocalUser } = await import('@/lib/auth/local-auth');
const { asService } = await import('@/lib/db/tx');
const { activity, makeGuild, member, rollup } = await import('./helpers');

const PASSWORD = 'correct-horse-battery';
let seq = 0;
interface U {
  id: string;
  email: string;
  username: string;
}
async function user(role: 'fan' | 'creator' | 'staff' | 'admin'): Promise<U & { claims: never }> {
  const username = `d_${role}_${process.pid.toString(36)}${++seq}`;
  const email = `${username}@example.test`;
  const id = await createLocalUser({ email, password: PASSWORD, username, displayName: username });
  await asService((db) => db.query('update public.profiles set role = $2 where id = $1', [id, role]));
  return { id, email, username, claims: undefined as never };
}
async function signInAs(u: U | null) {
  jar.values.clear();
  if (!u) return;
  const res = await signin(
    new Request('http://localhost/api/auth/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.7.0.${++seq % 250}` },
      body: JSON.stringify({ email: u.email, password: PASSWORD }),
    }),
  );
  expect(res.status).toBe(200);
}

const get = (url: string) => new Request(`http://localhost${url}`);
const send = (url: string, method: string, body: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of several shapes, read field by field
const json = async (r: Response): Promise<{ status: number; body: any }> => ({
  status: r.status,
  body: await r.json(),
});

beforeEach(() => jar.values.clear());

async function world() {
  const [admin, creator, staff, fan] = await Promise.all([
    user('admin'),
    user('creator'),
    user('staff'),
    user('fan'),
  ]);
  const x = await makeGuild(
    { id: creator.id, username: creator.username, claims: { sub: creator.id, role: 'authenticated' } },
    'UTC',
    'Guild X',
  );
  const y = await makeGuild(null, 'UTC', 'Guild Y');
  await asService((db) =>
    db.query('insert into public.guild_staff (guild_id, staff_id) values ($1, $2)', [x, staff.id]),
  );
  for (const g of [x, y]) {
    // 2–8 March: 20 points each; 9–15 March (last full week before the 15th… a Sunday): 2 → churned.
    for (const [u, last] of [
      ['=cmd,"quoted"', 2],
      ['steady', 20],
    ] as const) {
      await member(g, u);
      await activity(g, u, { '2026-03-03': 20, '2026-03-10': last });
    }
    await rollup(g);
  }
  return { admin, creator, staff, fan, x, y };
}

describe('authorization on every dashboard route', () => {
  it('anon 401, fan 403, staff of X get 403 for Y and data for X; admin both', async () => {
    const { admin, staff, fan, x, y } = await world();
    const q = '?from=2026-03-01&to=2026-03-15';
    const lists = [top, rising, churn, scouter, daily, tickets, ticketStaff];
    for (const [who, g, status] of [
      [null, x, 401],
      [fan, x, 403],
      [staff, y, 403],
      [staff, x, 200],
      [admin, y, 200],
    ] as const) {
      await signInAs(who);
      for (const mod of lists) {
        const r = await mod.GET(get(`/api/dashboard/guilds/${g}/list${q}`), ctx({ guildId: g }));
        expect(r.status, `${who?.username ?? 'anon'} ${g}`).toBe(status);
        if (status !== 200)
          expect((await r.json()).error.code).toBe(status === 401 ? 'AUTH_REQUIRED' : 'FORBIDDEN');
      }
      const c = await campaigns.GET(get(`/api/dashboard/guilds/${g}/campaigns`), ctx({ guildId: g }));
      expect(c.status).toBe(status);
      const one = await guildRoute.GET(get(`/api/dashboard/guilds/${g}`), ctx({ guildId: g }));
      expect(one.status).toBe(status);
    }
    await signInAs(staff);
    const mine = await json(await guildsRoute.GET(get('/api/dashboard/guilds')));
    expect(mine.body.guilds.map((g: { guild_id: string }) => g.guild_id)).toEqual([x]);
  });

  it('staff cannot assign staff, rename a guild or connect one; the owner can assign', async () => {
    const { creator, staff, x } = await world();
    const other = await user('staff');
    await signInAs(staff);
    expect(
      (await staffRoute.POST(send('/x', 'POST', { username: other.username }), ctx({ guildId: x }))).status,
    ).toBe(403);
    expect(
      (await guildRoute.PATCH(send('/x', 'PATCH', { name: 'n', timezone: 'UTC' }), ctx({ guildId: x })))
        .status,
    ).toBe(403);
    expect((await guildsRoute.POST(send('/x', 'POST', { guildId: '12345678', name: 'n' }))).status).toBe(403);
    await signInAs(creator);
    const ok = await json(
      await staffRoute.POST(send('/x', 'POST', { username: other.username }), ctx({ guildId: x })),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.staff.map((s: { username: string }) => s.username).sort()).toEqual(
      [other.username, staff.username].sort(),
    );
  });
});

describe('CSV exports follow the filters', () => {
  it('exports the churn list of the chosen week as CSV (formula-looking names neutralised)', async () => {
    const { staff, x } = await world();
    await signInAs(staff);
    const r = await churn.GET(
      get(`/api/dashboard/guilds/${x}/churn?from=2026-03-01&to=2026-03-15&format=csv`),
      ctx({ guildId: x }),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('content-disposition')).toContain(`churn-radar-${x}-week-2026-03-09.csv`);
    const lines = (await r.text()).trim().split('\r\n');
    expect(lines).toEqual([
      'member_id,member,score_2026-03-02_to_2026-03-08,score_2026-03-09_to_2026-03-15,change_pct,last_seen',
      `"'=cmd,""quoted""","'=cmd,""quoted""",20,2,-90,2026-03-10`,
    ]);
    // A different range end moves the weeks: 16–22 March has no prior activity, so nobody churned.
    const later = await churn.GET(
      get(`/api/dashboard/guilds/${x}/churn?to=2026-03-29&format=csv`),
      ctx({ guildId: x }),
    );
    expect((await later.text()).trim().split('\r\n')).toHaveLength(1);
  });

  it('exports rising stars and the top list with the range in the file name', async () => {
    const { staff, x } = await world();
    await signInAs(staff);
    const r = await top.GET(
      get(`/api/dashboard/guilds/${x}/top?from=2026-03-01&to=2026-03-07&format=csv`),
      ctx({ guildId: x }),
    );
    expect(r.headers.get('content-disposition')).toContain(`top10-${x}-2026-03-01-2026-03-07.csv`);
    const rows = (await r.text()).trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^1,/);
  });
});

describe('bad input is a 4xx and changes nothing', () => {
  it('refuses bad dates, an inverted or over-long range, a bad state and an unknown guild id format', async () => {
    const { staff, x } = await world();
    await signInAs(staff);
    const cases: [string, number][] = [
      [`/top?from=2026-02-30`, 422],
      [`/top?from=2026-03-10&to=2026-03-01`, 422],
      [`/top?from=2025-01-01&to=2026-03-01`, 422],
      [`/tickets?state=lost`, 422],
      [`/rising?order=sideways`, 422],
    ];
    for (const [path, status] of cases) {
      const mod = path.startsWith('/top') ? top : path.startsWith('/tickets') ? tickets : rising;
      const r = await json(await mod.GET(get(`/api/dashboard/guilds/${x}${path}`), ctx({ guildId: x })));
      expect(r.status, path).toBe(status);
      expect(r.body.error.code).toBe('VALIDATION_ERROR');
    }
    const bad = await top.GET(get('/api/dashboard/guilds/abc/top'), ctx({ guildId: 'abc' }));
    expect(bad.status).toBe(404);
  });

  it('campaign CRUD: validation errors with field paths, then create, edit, delete', async () => {
    const { staff, x, y } = await world();
    await signInAs(staff);
    const base = `/api/dashboard/guilds/${x}/campaigns`;
    const invalid = await json(
      await campaigns.POST(
        send(base, 'POST', { name: '', startsOn: '2026-03-10', endsOn: '2026-03-01' }),
        ctx({ guildId: x }),
      ),
    );
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.details.fields).sort()).toEqual(['endsOn', 'name']);
    const denied = await campaigns.POST(
      send(base, 'POST', { name: 'Nope', startsOn: '2026-03-01', endsOn: '2026-03-02' }),
      ctx({ guildId: y }),
    );
    expect(denied.status).toBe(403);
    const created = await json(
      await campaigns.POST(
        send(base, 'POST', { name: 'Spring', startsOn: '2026-03-09', endsOn: '2026-03-10' }),
        ctx({ guildId: x }),
      ),
    );
    expect(created.status).toBe(200);
    const id = String(created.body.id);
    const list = await json(await campaigns.GET(get(base), ctx({ guildId: x })));
    // Baseline 7–8 March: 0 points → no lift figure; the campaign days hold 20 + 2 + 20.
    expect(
      list.body.items.map((c: { name: string; during_score: number; lift_pct: number | null }) => [
        c.name,
        c.during_score,
        c.lift_pct,
      ]),
    ).toEqual([['Spring', 22, null]]);
    const edited = await campaign.PATCH(
      send(`${base}/${id}`, 'PATCH', { name: 'Spring push', startsOn: '2026-03-10', endsOn: '2026-03-10' }),
      ctx({ guildId: x, campaignId: id }),
    );
    expect(edited.status).toBe(200);
    const otherGuild = await campaign.DELETE(
      send(`${base}/${id}`, 'DELETE', {}),
      ctx({ guildId: y, campaignId: id }),
    );
    expect(otherGuild.status).toBe(404);
    const gone = await campaign.DELETE(
      send(`${base}/${id}`, 'DELETE', {}),
      ctx({ guildId: x, campaignId: id }),
    );
    expect(gone.status).toBe(200);
    const again = await campaign.DELETE(
      send(`${base}/${id}`, 'DELETE', {}),
      ctx({ guildId: x, campaignId: id }),
    );
    expect(again.status).toBe(404);
  });
});
