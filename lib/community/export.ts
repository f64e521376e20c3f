import 'server-only';
import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import type { Claims } from '@/lib/db/tx';
import { toCsv } from '@/lib/http/csv';
import { AppError } from '@/lib/http/errors';
import { GuildId, IsoDay } from './schemas';

/** Shared by the /api/dashboard route handlers: roles, filters, paging and CSV responses. */

export const DASHBOARD_ROLES = ['staff', 'creator', 'admin'] as const;

/** A CSV export holds at most this many rows (the SQL functions clamp a page to it too). */
export const CSV_MAX_ROWS = 10_000;

export const PAGE_SIZE = 25;

export const ListQuery = z
  .object({
    from: IsoDay.optional(),
    to: IsoDay.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { error: 'The end is before the start', path: ['to'] });

export const GuildParams = z.object({ guildId: GuildId });

export function claimsOf(viewer: Viewer | null): Claims {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return viewer.claims;
}

export function guildIdOf(params: { guildId?: string }): string {
  const p = GuildParams.safeParse(params);
  if (!p.success) throw new AppError('NOT_FOUND', 'No such guild');
  return p.data.guildId;
}

/** limit/offset for one page of a list, or every row (up to CSV_MAX_ROWS) for an export. */
export function paging(q: { page: number; format: 'json' | 'csv' }): { limit: number; offset: number } {
  return q.format === 'csv'
    ? { limit: CSV_MAX_ROWS, offset: 0 }
    : { limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE };
}

export function csvResponse(name: string, header: string[], rows: unknown[][]): Response {
  return new Response(toCsv(header, rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name.replace(/[^a-z0-9_.-]/gi, '-')}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
