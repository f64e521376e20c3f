import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { toCsv } from '@/lib/http/csv';

export interface StatementLine {
  section: 'earnings' | 'fees' | 'deductions' | 'payouts';
  kind: string;
  tokens: number;
  count: number;
}

/** The caller's statement for a month ('YYYY-MM'), read in `timeZone`. */
export async function monthlyStatement(
  claims: Claims,
  month: string,
  timeZone = 'UTC',
): Promise<StatementLine[]> {
  const r = await asUser(claims, (db) =>
    db.query<{ section: StatementLine['section']; kind: string; tokens: string; count: string }>(
      'select * from public.my_statement($1::date, $2) order by section, kind',
      [`${month}-01`, timeZone],
    ),
  );
  return r.rows.map((x) => ({
    section: x.section,
    kind: x.kind,
    tokens: Number(x.tokens),
    count: Number(x.count),
  }));
}

export function statementCsv(month: string, lines: StatementLine[]): string {
  return toCsv(
    ['month', 'section', 'kind', 'tokens', 'count'],
    lines.map((l) => [month, l.section, l.kind, l.tokens, l.count]),
  );
}

export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}
