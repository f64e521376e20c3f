import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { rateLimiter } from '@/lib/adapters/rate-limit';
import type { Role } from '@/lib/auth/schemas';
import { getViewer, type Viewer } from '@/lib/auth/viewer';
import { logError, newRequestId } from '@/lib/log/log';
import { AppError, errorBody, toAppError } from './errors';

/**
 * The one wrapper every route handler goes through: request id, body size limit, JSON + zod parsing,
 * auth and role checks, rate limits, and the error contract. Handlers stay a few lines.
 */

export const MAX_BODY_BYTES = 1024 * 1024;

type AuthMode = 'none' | 'optional' | 'user' | readonly Role[];

export interface RouteContext<B, Q, P> {
  req: Request;
  body: B;
  query: Q;
  params: P;
  viewer: Viewer | null;
  requestId: string;
  ip: string;
}

interface LimitRule<B> {
  name: string;
  key: (ctx: { ip: string; body: B }) => string;
  /** A number, or a function read per request (a limit an operator can tune through lib/env.ts). */
  max: number | (() => number);
  windowMs: number;
  message?: string;
}

interface RouteOptions<B, Q> {
  auth?: AuthMode;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  rateLimit?: LimitRule<B>[];
  maxBytes?: number;
}

type Handler<B, Q, P> = (
  ctx: RouteContext<B, Q, P> & { viewer: Viewer | null },
) => Promise<Response | object | null>;

export function clientIp(req: Request): string {
  const fwd = req.headers.get('x-forwarded-for');
  return fwd?.split(',')[0]?.trim() || req.headers.get('x-real-ip') || 'local';
}

/** The raw request body, refusing more than maxBytes (declared or actually sent) with 413. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBytes} bytes`);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body (e.g. a page closed during a beacon): its fault, not a server error.
      throw new AppError('BAD_REQUEST', 'The request body was not received completely');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function parseJsonBody<B>(req: Request, schema: z.ZodType<B>, maxBytes: number): Promise<B> {
  const type = req.headers.get('content-type') ?? '';
  if (type && !type.toLowerCase().includes('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json');
  }
  const text = (await readBodyBytes(req, maxBytes)).toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'Request body is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw toAppError(parsed.error);
  return parsed.data;
}

export function errorResponse(e: AppError, requestId: string): NextResponse {
  return NextResponse.json(errorBody(e, requestId), {
    status: e.status,
    headers: { 'x-request-id': requestId, 'cache-control': 'no-store', ...(e.headers ?? {}) },
  });
}

export function route<B = undefined, Q = undefined, P = Record<string, string>>(
  opts: RouteOptions<B, Q>,
  handler: Handler<B, Q, P>,
) {
  return async (req: Request, context?: { params?: Promise<P> }): Promise<Response> => {
    const requestId = req.headers.get('x-request-id')?.slice(0, 100) || newRequestId();
    const ip = clientIp(req);
    try {
      const params = ((await context?.params) ?? {}) as P;
      let viewer: Viewer | null = null;
      const auth = opts.auth ?? 'user';
      if (auth !== 'none') {
        viewer = await getViewer();
        if (!viewer && auth !== 'optional') throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
        if (viewer && Array.isArray(auth) && !auth.includes(viewer.profile.role)) {
          throw new AppError('FORBIDDEN', 'Your role does not allow this');
        }
      }
      const query = opts.query
        ? (() => {
            const parsed = opts.query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
            if (!parsed.success) throw toAppError(parsed.error);
            return parsed.data;
          })()
        : (undefined as Q);
      const body = opts.body
        ? await parseJsonBody(req, opts.body, opts.maxBytes ?? MAX_BODY_BYTES)
        : (undefined as B);
      if (opts.rateLimit?.length) {
        const limiter = await rateLimiter();
        for (const rule of opts.rateLimit) {
          const max = typeof rule.max === 'function' ? rule.max() : rule.max;
          const r = await limiter.limit(`${rule.name}:${rule.key({ ip, body })}`, max, rule.windowMs);
          if (!r.success) {
            const seconds = Math.ceil(r.retryAfterMs / 1000);
            throw new AppError(
              'RATE_LIMITED',
              rule.message ?? `Too many attempts. Try again in ${seconds} seconds.`,
              { retryAfterSeconds: seconds },
              { 'retry-after': String(seconds) },
            );
          }
        }
      }
      const result = await handler({ req, body, query, params, viewer, requestId, ip });
      if (result instanceof Response) {
        result.headers.set('x-request-id', requestId);
        return result;
      }
      return NextResponse.json(result ?? { ok: true }, {
        headers: { 'x-request-id': requestId, 'cache-control': 'no-store' },
      });
    } catch (err) {
      // next/navigation redirect()/notFound() signals must propagate.
      if (
        err &&
        typeof err === 'object' &&
        'digest' in err &&
        String((err as { digest: unknown }).digest).startsWith('NEXT_')
      ) {
        throw err;
      }
      const e = toAppError(err);
      if (e.code === 'INTERNAL') {
        await logError(`route ${req.method} ${new URL(req.url).pathname}`, err, {}, requestId);
      }
      return errorResponse(e, requestId);
    }
  };
}
