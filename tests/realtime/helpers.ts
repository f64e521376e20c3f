import { expect } from 'vitest';
import type { CallStatus } from '@/lib/calls/types';
import { jar } from '../helpers/next-headers';

/** Shared by the realtime tests. Import after vi.mock('next/headers', …) in each test file. */

const { POST: signinRoute } = await import('@/app/api/auth/signin/route');
const { createLocalUser } = await import('@/lib/auth/local-auth');
const { asService } = await import('@/lib/db/tx');

const PASSWORD = 'correct-horse-battery';
let seq = 0;
const uniq = () =>
  `${process.pid.toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
}

export async function makeUser(): Promise<TestUser> {
  const username = `rt_${uniq()}`.slice(0, 30);
  const email = `${username}@example.test`;
  const displayName = `Realtime ${username}`;
  const id = await createLocalUser({ email, password: PASSWORD, username, displayName });
  return { id, email, displayName };
}

let ipSeq = 0;
const nextIp = () => `10.77.${Math.floor(++ipSeq / 250) % 250}.${ipSeq % 250}`;

export async function signInAs(u: TestUser): Promise<void> {
  jar.values.clear();
  const res = await signinRoute(
    new Request('http://localhost/api/auth/signin', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': nextIp(),
      },
      body: JSON.stringify({ email: u.email, password: PASSWORD }),
    }),
  );
  expect(res.status).toBe(200);
}

/** A row in public.calls in the given status (with the columns that status requires). */
export async function makeCall(
  fan: TestUser,
  creator: TestUser,
  status: CallStatus = 'requested',
): Promise<string> {
  return asService(async (db) => {
    const r = await db.query<{ id: string }>(
      `insert into public.calls (fan_id, creator_id, kind, rate, status, expires_at, connected_at, ended_at, end_reason)
       values ($1, $2, 'video', 5, $3, now() + interval '2 minutes',
               case when $3 in ('connected', 'ended') then now() end,
               case when $3 = 'ended' then now() end,
               case when $3 = 'ended' then 'fan_ended' end)
       returning id`,
      [fan.id, creator.id, status],
    );
    const id = r.rows[0]?.id;
    if (!id) throw new Error('call insert returned no id');
    return id;
  });
}

export function getRequest(
  path: string,
  init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
) {
  return new Request(`http://localhost${path}`, {
    method: 'GET',
    signal: init.signal,
    headers: init.headers,
  });
}

/** Reads an SSE body event by event (blank-line separated blocks) until `until` accepts one. */
export function sseReader(res: Response) {
  const body = res.body;
  if (!body) throw new Error('response has no body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const seen: string[] = [];
  return {
    seen,
    async until(match: (block: string) => boolean, timeoutMs = 5000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const [i, block] of blocks.entries()) {
          seen.push(block);
          if (match(block)) {
            buffer = `${blocks.slice(i + 1).join('\n\n')}${i + 1 < blocks.length ? '\n\n' : ''}${buffer}`;
            return block;
          }
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching SSE event; saw: ${JSON.stringify(seen)}`);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no matching SSE event; saw: ${JSON.stringify(seen)}`)),
            left,
          );
        });
        const chunk = await Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error(`stream ended; saw: ${JSON.stringify(seen)}`);
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    /** The JSON data of an event block, or null for comments. */
    data(block: string): { channel: string; name: string; data: unknown; id: string; ts: number } | null {
      const line = block.split('\n').find((l) => l.startsWith('data: '));
      return line ? JSON.parse(line.slice(6)) : null;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}
