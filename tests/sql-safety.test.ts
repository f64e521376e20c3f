// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are source code handed to the scanner.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEscapeIdentifierCall, scanSource, scanTree } from './sql-safety-scan';

const root = process.cwd();
const FIXTURE = 'tests/fixtures/unsafe-sql.fixture.ts';

function markedLines(src: string, marker: string): number[] {
  return src
    .split('\n')
    .flatMap((l, i) => (l.includes(marker) && !l.trimStart().startsWith('*') ? [i + 1] : []));
}

describe('SQL safety scanner', () => {
  it('flags exactly the unsafe lines of the fixture and allows the escapeIdentifier one', () => {
    const src = readFileSync(path.join(root, FIXTURE), 'utf8');
    const unsafe = markedLines(src, '// sql-safety: unsafe');
    expect(unsafe).toHaveLength(2);
    const result = scanSource(src, FIXTURE);
    expect(result.findings.map((f) => f.line)).toEqual(unsafe);
    expect(result.findings[0]?.reason).toMatch(/\.query\(\)/);
    expect(result.findings[1]?.reason).toMatch(/SQL keyword/);
    expect(result.allowed).toHaveLength(1);
    expect(result.allowed[0]?.expressions).toEqual(['escapeIdentifier(table)']);
  });

  it('finds the fixture when the fixture folder is not excluded (the tree scan can fail)', () => {
    const result = scanTree(root, ['tests/fixtures'], []);
    expect(result.files).toContain(FIXTURE);
    expect(result.findings.filter((f) => f.file === FIXTURE)).toHaveLength(2);
    expect(scanTree(root, ['tests/fixtures']).files).not.toContain(FIXTURE);
  });

  it.each([
    ['db.query(`select * from t where id = ${id}`)', 1],
    ['db.query <Row> (\n  `update t set a = 1 where id = ${id}`)', 1],
    ['client?.query(`values (${id})`)', 1],
    ['const q = `\n    insert into t values (${v})`;', 1],
    ['const q = `WITH x AS (select ${v}) select 1`;', 1],
    ['const q = `grant ${role} to x`;', 1],
    ['const q = `select ${escapeIdentifier(a)}${b}`;', 1],
    ['const q = `select ${escapeIdentifier(a) + b}`;', 1],
    ['const q = `select ${escapeIdentifier(a)}, ${escapeIdentifier(b)}`;', 0],
    ['db.query(`select 1`)', 0],
    ['db.query(String.raw`select ${a}`)', 1],
    ['const s = `selected ${n} items`;', 0],
    ['const s = `${n} selected`;', 0],
    ['myquery(`select ${a}`)', 1],
    ['x.subquery(`values ${a}`)', 0],
    ['const r = /[`\'"]/g; const q = `update t set a = ${a}`;', 1],
    ['const n = a / b; const q = `delete from t where id = ${id}`; const m = c / d;', 1],
    ["// db.query(`select ${a}`)\n/* `select ${b}` */ const s = 'select ${c}';", 0],
  ])('%s → %i finding(s)', (src, n) => {
    expect(scanSource(src).findings).toHaveLength(n);
  });

  it('recognises only a single escapeIdentifier(...) call as an allowed interpolation', () => {
    expect(isEscapeIdentifierCall('escapeIdentifier(name)')).toBe(true);
    expect(isEscapeIdentifierCall(' escapeIdentifier(opts.schema) ')).toBe(true);
    expect(isEscapeIdentifierCall("escapeIdentifier('a)b')")).toBe(true);
    expect(isEscapeIdentifierCall('escapeIdentifier(a) + b')).toBe(false);
    expect(isEscapeIdentifierCall('escapeIdentifier(a)(b)')).toBe(false);
    expect(isEscapeIdentifierCall('notEscapeIdentifier(a)')).toBe(false);
    expect(isEscapeIdentifierCall('name')).toBe(false);
  });

  it('finds no string-built SQL in the source tree', () => {
    const result = scanTree(root);
    expect(result.files).toContain('lib/db/tx.ts');
    // Tests are held to the same rule; only the deliberately unsafe fixtures are excluded.
    expect(result.files).toContain('supabase/tests/profiles-rls.test.ts');
    expect(result.files.some((f) => f.startsWith('tests/fixtures/'))).toBe(false);
    // The scanner sees the tree's real SQL (so zero findings is not blindness).
    expect(result.sqlTemplates.length).toBeGreaterThan(5);
    const report = result.findings.map((f) => `${f.file}:${f.line} ${f.reason}: ${f.snippet}`);
    if (report.length) console.error(`String-built SQL:\n${report.join('\n')}`);
    expect(report).toEqual([]);
  });
});
