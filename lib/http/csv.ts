/** RFC 4180 CSV. Cells starting with = + - @ are prefixed with ' so spreadsheets do not run them as formulas. */
function cell(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v); // numbers (incl. negative) are data, not formulas
  let s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
