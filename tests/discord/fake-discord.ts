import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server standing in for Discord's REST API in tests: it records every request and answers
 * from route handlers the test installs (`METHOD /path/with/:params`), 404 otherwise.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  at: number;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: RecordedRequest, params: Record<string, string>) => FakeReply | Promise<FakeReply>;

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  private routes: { method: string; pattern: RegExp; names: string[]; handler: Handler }[] = [];
  private server?: Server;
  url = '';

  on(spec: string, handler: Handler): this {
    const [method, path] = spec.split(' ') as [string, string];
    const names: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          names.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.unshift({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.routes = [];
  }

  find(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/^\/api\/v10/, '');
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
        at: Date.now(),
      };
      this.requests.push(rec);
      let reply: FakeReply = { status: 404, body: { message: 'Unknown route', code: 0 } };
      for (const r of this.routes) {
        const m = r.method === rec.method ? r.pattern.exec(path) : null;
        if (!m) continue;
        const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
        reply = await r.handler(rec, params);
        break;
      }
      const status = reply.status ?? 200;
      res.writeHead(status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(status === 204 ? undefined : JSON.stringify(reply.body ?? {}));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/v10`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
