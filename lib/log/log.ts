import 'server-only';
import { randomUUID } from 'node:crypto';
import { asService } from '@/lib/db/tx';
import { env } from '@/lib/env';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function newRequestId(): string {
  return randomUUID();
}

function serialiseError(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack?.split('\n').slice(0, 12).join('\n') };
  }
  return { value: String(err) };
}

async function toSentry(message: string, err: unknown, context: Record<string, unknown>): Promise<void> {
  if (env().services.errors.mode !== 'managed') return;
  const Sentry = await import('@sentry/node');
  if (err instanceof Error) Sentry.captureException(err, { extra: context });
  else Sentry.captureMessage(message, { level: 'error', extra: context });
}

/**
 * Writes a server log line to private.app_logs (the admin log stream reads it) and, for errors, to
 * Sentry when configured. Never throws: logging must not turn a handled error into a crash.
 */
export async function writeLog(
  level: LogLevel,
  source: string,
  message: string,
  context: Record<string, unknown> = {},
  requestId?: string,
  err?: unknown,
): Promise<void> {
  const ctx = err === undefined ? context : { ...context, error: serialiseError(err) };
  const line = `[${level}] ${source}: ${message}${requestId ? ` (request ${requestId})` : ''}`;
  if (level === 'error') console.error(line, err ?? '');
  else if (level === 'warn') console.warn(line);
  try {
    await asService((db) =>
      db.query(
        'insert into private.app_logs (level, source, message, context, request_id) values ($1, $2, $3, $4, $5)',
        [level, source, message.slice(0, 2000), ctx, requestId ?? null],
      ),
    );
  } catch (dbErr) {
    console.error('[log] could not write to app_logs:', (dbErr as Error).message);
  }
  if (level === 'error') await toSentry(message, err, { ...context, source, requestId }).catch(() => {});
}

export const logError = (
  source: string,
  err: unknown,
  context: Record<string, unknown> = {},
  requestId?: string,
): Promise<void> =>
  writeLog('error', source, err instanceof Error ? err.message : String(err), context, requestId, err);
