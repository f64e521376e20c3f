import 'server-only';
import { discordApiBase, discordBotToken } from './config';

/**
 * A small Discord REST client. Requests on one route run one at a time; the X-RateLimit-* headers of each
 * answer are remembered per bucket, so a request whose bucket is exhausted waits for its reset instead of
 * earning a 429. A 429 that happens anyway is retried after its retry_after (global ones pause everything).
 */

export class DiscordApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly method: string,
    public readonly path: string,
    public readonly body: unknown,
  ) {
    const msg = (body as { message?: unknown } | null)?.message;
    super(`Discord ${method} ${path} → ${status}${typeof msg === 'string' ? `: ${msg}` : ''}`);
    this.name = 'DiscordApiError';
  }
}

export interface RestOptions {
  baseUrl?: string;
  /** Bot token; omit for the interaction webhooks, which are authorised by their token in the path. */
  token?: string;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** false: send no Authorization header (interaction webhook routes). */
  auth?: boolean;
  /** Shown in the guild's audit log. */
  reason?: string;
}

interface Bucket {
  remaining: number;
  resetAt: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Route key: major parameters (channel, guild, webhook) stay, other ids collapse, as Discord buckets them. */
export function routeKey(method: string, path: string): string {
  const clean = path.split('?')[0] ?? path;
  const keyed = clean
    .replace(/\/reactions\/.*/, '/reactions/*')
    .replace(/(?<!^\/(?:channels|guilds|webhooks))\/\d{5,}/g, '/:id');
  return `${method} ${keyed}`;
}

export class DiscordRest {
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly routeBuckets = new Map<string, string>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private globalResetAt = 0;
  /** Requests actually sent (a run's request budget counts these). */
  sent = 0;

  constructor(opts: RestOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? discordApiBase()).replace(/\/+$/, '');
    this.token = opts.token;
    this.maxRetries = opts.maxRetries ?? 5;
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
  }

  request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const key = routeKey(method, path);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => this.send<T>(method, path, opts, key));
    this.queues.set(key, run);
    const cleanup = () => {
      if (this.queues.get(key) === run) this.queues.delete(key);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  private async waitForBucket(key: string): Promise<void> {
    const wait = Math.max(0, this.globalResetAt - this.now());
    if (wait > 0) await this.sleep(wait);
    const bucketId = this.routeBuckets.get(key);
    const bucket = bucketId ? this.buckets.get(bucketId) : undefined;
    if (bucket && bucket.remaining <= 0) {
      const ms = bucket.resetAt - this.now();
      if (ms > 0) await this.sleep(ms);
    }
  }

  private remember(key: string, headers: Headers): void {
    const id = headers.get('x-ratelimit-bucket');
    const remaining = headers.get('x-ratelimit-remaining');
    const resetAfter = headers.get('x-ratelimit-reset-after');
    if (!id || remaining === null || resetAfter === null) return;
    this.routeBuckets.set(key, id);
    this.buckets.set(id, {
      remaining: Number(remaining),
      resetAt: this.now() + Math.ceil(Number(resetAfter) * 1000),
    });
  }

  private async send<T>(method: string, path: string, opts: RequestOptions, key: string): Promise<T> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { 'user-agent': 'DiscordBot (CommunityOS, 0.1)' };
    if (opts.auth !== false) headers.authorization = `Bot ${this.token ?? discordBotToken()}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.reason) headers['x-audit-log-reason'] = encodeURIComponent(opts.reason);

    for (let attempt = 0; ; attempt++) {
      await this.waitForBucket(key);
      this.sent++;
      const res = await fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(15_000),
      });
      this.remember(key, res.headers);
      const text = await res.text();
      const data: unknown = text ? safeJson(text) : null;
      if (res.status === 429 && attempt < this.maxRetries) {
        const body = (data ?? {}) as { retry_after?: number; global?: boolean };
        const seconds = Number(body.retry_after ?? res.headers.get('retry-after') ?? 1);
        const ms = Math.ceil(seconds * 1000);
        if (body.global || res.headers.get('x-ratelimit-global')) this.globalResetAt = this.now() + ms;
        await this.sleep(ms);
        continue;
      }
      if (!res.ok) throw new DiscordApiError(res.status, method, path, data);
      return data as T;
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

const g = globalThis as typeof globalThis & { __communityosDiscordRest?: DiscordRest };

/** The process-wide client (its bucket state must be shared by every caller). */
export function discordRest(): DiscordRest {
  g.__communityosDiscordRest ??= new DiscordRest();
  return g.__communityosDiscordRest;
}

/** For tests that change DISCORD_API_BASE between files. */
export function resetDiscordRest(): void {
  g.__communityosDiscordRest = undefined;
}
