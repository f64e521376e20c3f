import { describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { interactionRequest, type Loose, member, slash, type Who } from './helpers';
import './setup';

vi.mock('next/headers', () => nextHeadersMock());
vi.mock('next/server', async (importOriginal) => (await import('./helpers')).nextServerMock(importOriginal));

const { POST: interactions } = await import('@/app/api/discord/interactions/route');
const { POST: redeem, DELETE: unlink } = await import('@/app/api/discord/link/route');
const { jsonRequest, makeUser, signInAs } = await import('../payments/helpers');
const { getPool } = await import('@/lib/db/pool');

async function linkCode(who: Who): Promise<string> {
  const res = await interactions(interactionRequest(slash('link', who)));
  const body = (await res.json()) as { data: { content: string; flags: number } };
  expect(body.data.flags).toBe(64);
  const m = /\*\*([A-Z0-9]{4}-[A-Z0-9]{4})\*\*/.exec(body.data.content);
  if (!m?.[1]) throw new Error(`no code in: ${body.data.content}`);
  return m[1];
}

const post = async (code: string) => {
  const res = await redeem(jsonRequest('/api/discord/link', { code }));
  return { status: res.status, body: (await res.json()) as Record<string, Loose> };
};

describe('/link → profile page', () => {
  it('links once with a valid code; the code cannot be reused', async () => {
    const who = member('linker_one');
    const code = await linkCode(who);
    const user = await makeUser();
    await signInAs(user);
    const r = await post(code.toLowerCase().replace('-', ' '));
    expect(r.status).toBe(200);
    expect(r.body.link).toMatchObject({ discord_user_id: who.id, discord_username: 'linker_one' });

    const other = await makeUser();
    await signInAs(other);
    const again = await post(code);
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/not valid/);

    // /link now says the account is linked, instead of issuing a code.
    const res = await interactions(interactionRequest(slash('link', who)));
    const body = (await res.json()) as { data: { content: string } };
    expect(body.data.content).toContain(`@${user.username}`);
  });

  it('refuses an expired code, an unknown code and a malformed code', async () => {
    const who = member('linker_exp');
    const code = await linkCode(who);
    await (await getPool()).query(
      `update discord.link_codes set expires_at = now() - interval '1 second' where discord_user_id = $1`,
      [who.id],
    );
    await signInAs(await makeUser());
    expect((await post(code)).status).toBe(422);
    expect((await post('ZZZZ-ZZZZ')).status).toBe(422);
    const bad = await post('abc');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('is 1:1 both ways: a linked profile cannot take a second Discord account', async () => {
    const user = await makeUser();
    await signInAs(user);
    expect((await post(await linkCode(member('linker_a')))).status).toBe(200);
    const second = await post(await linkCode(member('linker_b')));
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already linked/);
  });

  it('unlinks from the profile, after which the Discord account can link elsewhere', async () => {
    const who = member('linker_u');
    const first = await makeUser();
    await signInAs(first);
    expect((await post(await linkCode(who))).status).toBe(200);
    const res = await unlink(jsonRequest('/api/discord/link', undefined, { method: 'DELETE' }));
    expect(await res.json()).toEqual({ unlinked: true });
    const second = await makeUser();
    await signInAs(second);
    expect((await post(await linkCode(who))).status).toBe(200);
    const rows = await (await getPool()).query(
      'select profile_id from discord.links where discord_user_id = $1',
      [who.id],
    );
    expect(rows.rows).toEqual([{ profile_id: second.id }]);
  });

  it('needs a signed-in user', async () => {
    const { jar } = await import('../helpers/next-headers');
    jar.values.clear();
    expect((await post('ABCD-EFGH')).status).toBe(401);
  });

  it('the database refuses a second link of either side even without the function', async () => {
    const a = await makeUser();
    const b = await makeUser();
    const pool = await getPool();
    await pool.query(
      `insert into discord.links (discord_user_id, profile_id, discord_username) values ('900001', $1, 'x')`,
      [a.id],
    );
    await expect(
      pool.query(
        `insert into discord.links (discord_user_id, profile_id, discord_username) values ('900002', $1, 'y')`,
        [a.id],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(
      pool.query(
        `insert into discord.links (discord_user_id, profile_id, discord_username) values ('900001', $1, 'z')`,
        [b.id],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
