/** One page of a list, as every paginated read in the app returns it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Builds a Page from rows that carry `total_count` (count(*) over ()); `map` shapes each row. */
export function toPage<R extends { total_count: number | string }, T>(
  rows: R[],
  page: number,
  pageSize: number,
  map: (row: R) => T,
): Page<T> {
  const total = Number(rows[0]?.total_count ?? 0);
  return {
    items: rows.map(map),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}

/** Page numbers and sizes clamped the way the SQL clamps them, so the Page we report matches the rows. */
export function clampPaging(page: number, pageSize: number, max: number): { page: number; pageSize: number } {
  const p = Number.isFinite(page) ? Math.max(1, Math.floor(page)) : 1;
  const s = Number.isFinite(pageSize) ? Math.min(Math.max(1, Math.floor(pageSize)), max) : max;
  return { page: p, pageSize: s };
}

/** An ILIKE "contains" pattern for a search box (its own % _ \ escaped), or null for an empty search. */
export function containsPattern(q: string | undefined): string | null {
  const t = q?.trim();
  return t ? `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}

/** Where the next page of a newest-first keyset list starts: after its last item (time and id). */
export interface Keyset {
  at: string;
  id: string;
}

/** The keyset after a page: the last item's time and id when the page is full, else null (no more pages). */
export function nextKeyset<T extends { id: string }>(
  items: T[],
  limit: number,
  at: (item: T) => string,
): Keyset | null {
  const last = items.length === limit ? items.at(-1) : undefined;
  return last ? { at: at(last), id: last.id } : null;
}
