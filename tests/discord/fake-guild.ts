import type { FakeDiscord } from './fake-discord';

/** A guild on the fake Discord: channels with messages (paged like Discord) and reactors per emoji. */
const EPOCH = 1420070400000n;
let seq = 0n;

export function idAt(ms: number): string {
  seq = (seq + 1n) % 4096n;
  return String(((BigInt(ms) - EPOCH) << 22n) + seq);
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  author: { id: string; username: string; bot?: boolean };
  content: string;
  timestamp: string;
  reactions?: { count: number; emoji: { id: string | null; name: string } }[];
}

export class FakeGuild {
  readonly messages = new Map<string, FakeMessage[]>();
  readonly reactors = new Map<string, string[]>(); // `${messageId}|${emojiKey}` → user ids
  failNextMessagesPage: number | null = null;
  /** Answer the next messages request of this channel with a 429 (retry_after 50 ms). */
  rateLimitOnce: string | null = null;
  pageRequests = 0;

  constructor(
    readonly guildId: string,
    readonly channels: { id: string; type: number }[],
    readonly threads: { id: string; type: number }[] = [],
  ) {}

  post(
    channelId: string,
    author: { id: string; username: string; bot?: boolean },
    at: number,
    content = 'hi',
  ): FakeMessage {
    const m: FakeMessage = {
      id: idAt(at),
      channel_id: channelId,
      author,
      content,
      timestamp: new Date(at).toISOString(),
    };
    const list = this.messages.get(channelId) ?? [];
    list.push(m);
    this.messages.set(channelId, list);
    return m;
  }

  react(m: FakeMessage, emoji: string, userId: string): void {
    const key = `${m.id}|${emoji}`;
    const users = this.reactors.get(key) ?? [];
    if (!users.includes(userId)) users.push(userId);
    this.reactors.set(key, users);
    m.reactions = [
      ...(m.reactions ?? []).filter((r) => r.emoji.name !== emoji),
      { count: users.length, emoji: { id: null, name: emoji } },
    ];
  }

  total(filter: (m: FakeMessage) => boolean = () => true): number {
    return [...this.messages.values()].flat().filter(filter).length;
  }

  install(fake: FakeDiscord): void {
    fake.on(`GET /guilds/${this.guildId}/channels`, () => ({ body: this.channels }));
    fake.on(`GET /guilds/${this.guildId}/threads/active`, () => ({
      body: { threads: this.threads, members: [] },
    }));
    fake.on('GET /channels/:id/messages', (req, p) => {
      this.pageRequests++;
      if (this.rateLimitOnce === p.id) {
        this.rateLimitOnce = null;
        return {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
        };
      }
      if (this.failNextMessagesPage !== null && --this.failNextMessagesPage <= 0) {
        this.failNextMessagesPage = null;
        return { status: 502, body: { message: 'Bad gateway' } };
      }
      const after = BigInt(req.query.get('after') ?? '0');
      const limit = Number(req.query.get('limit') ?? 50);
      const page = (this.messages.get(p.id as string) ?? [])
        .filter((m) => BigInt(m.id) > after)
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
        .slice(0, limit)
        .reverse(); // Discord answers newest first
      return {
        body: page,
        headers: {
          'x-ratelimit-bucket': `msgs-${p.id}`,
          'x-ratelimit-remaining': '5',
          'x-ratelimit-reset-after': '1',
        },
      };
    });
    fake.on('GET /channels/:id/messages/:mid/reactions/:emoji', (req, p) => {
      const users = this.reactors.get(`${p.mid}|${p.emoji}`) ?? [];
      const after = req.query.get('after');
      const start = after ? users.indexOf(after) + 1 : 0;
      const limit = Number(req.query.get('limit') ?? 25);
      return { body: users.slice(start, start + limit).map((id) => ({ id, username: `u${id.slice(-4)}` })) };
    });
  }
}
