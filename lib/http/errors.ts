import { z } from 'zod';

/** The error contract: one code → HTTP status map for the whole app. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  INVALID_CREDENTIALS: 401,
  INVALID_SIGNATURE: 401,
  AUTH_REQUIRED: 401,
  INSUFFICIENT_TOKENS: 402,
  FORBIDDEN: 403,
  ACCOUNT_BANNED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_CONFIGURED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** SQLSTATEs raised by our SQL functions (`using errcode = 'CO403'`) and the Postgres ones we expect. */
const SQLSTATE_CODES: Record<string, ErrorCode> = {
  CO400: 'BAD_REQUEST',
  CO401: 'AUTH_REQUIRED',
  CO402: 'INSUFFICIENT_TOKENS',
  CO403: 'FORBIDDEN',
  CO404: 'NOT_FOUND',
  CO409: 'CONFLICT',
  CO410: 'IDEMPOTENCY_CONFLICT',
  CO422: 'VALIDATION_ERROR',
  '42501': 'FORBIDDEN', // insufficient_privilege: RLS / grants said no
  '23505': 'CONFLICT', // unique_violation
  '23514': 'VALIDATION_ERROR', // check_violation
  '22001': 'VALIDATION_ERROR', // string too long
  '22P02': 'VALIDATION_ERROR', // invalid text representation (bad uuid…)
};

export function zodDetails(err: z.ZodError): { fields: Record<string, string[]>; form: string[] } {
  const flat = z.flattenError(err);
  const fields: Record<string, string[]> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    (fields[key] ??= []).push(issue.message);
  }
  return { fields, form: flat.formErrors };
}

/** Turns anything thrown into an AppError; unknown errors become INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) {
    return new AppError('VALIDATION_ERROR', 'Some fields are invalid', zodDetails(err));
  }
  const pgErr = err as { code?: unknown; message?: unknown; constraint?: unknown };
  if (typeof pgErr?.code === 'string' && pgErr.code in SQLSTATE_CODES) {
    const code = SQLSTATE_CODES[pgErr.code] as ErrorCode;
    const fromUs = pgErr.code.startsWith('CO');
    const message = fromUs
      ? String(pgErr.message)
      : code === 'FORBIDDEN'
        ? 'You are not allowed to do that'
        : code === 'CONFLICT'
          ? 'That already exists'
          : 'A value is not valid';
    return new AppError(code, message, pgErr.constraint ? { constraint: pgErr.constraint } : undefined);
  }
  return new AppError('INTERNAL', 'Something went wrong on our side. It has been logged.');
}

export function errorBody(e: AppError, requestId?: string): ErrorBody & { requestId?: string } {
  const body: ErrorBody & { requestId?: string } = { error: { code: e.code, message: e.message } };
  if (e.details !== undefined) body.error.details = e.details;
  if (requestId) body.requestId = requestId;
  return body;
}
