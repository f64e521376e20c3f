import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds SQL text built by string interpolation. A small hand-written lexer (the TypeScript JS API is not
 * available with TypeScript 7) walks comments, strings, regex literals and template literals — nested
 * ones included — and reports a template literal with a `${…}` interpolation when
 *   - it is the first argument of `.query(` / `.query<…>(`, or
 *   - its text starts with an SQL keyword (select, insert, update, delete, create, drop, alter, with,
 *     grant, revoke),
 * unless every interpolation is a single `escapeIdentifier(…)` call.
 */

export interface SqlTemplate {
  file: string;
  line: number;
  /** The template's text parts (between interpolations), as written. */
  quasis: string[];
  /** The source text of each interpolation. */
  expressions: string[];
  /** First argument of a `.query(` call. */
  queryArgument: boolean;
  /** Text starts with an SQL keyword. */
  sqlKeyword: boolean;
}

export interface SqlFinding {
  file: string;
  line: number;
  reason: string;
  snippet: string;
}

export interface ScanResult {
  files: string[];
  /** Templates that are SQL (by either rule), with or without interpolation. */
  sqlTemplates: SqlTemplate[];
  /** Interpolated SQL whose every interpolation is escapeIdentifier(...). */
  allowed: SqlTemplate[];
  findings: SqlFinding[];
}

const SQL_START = /^\s*(select|insert|update|delete|create|drop|alter|with|grant|revoke)(\s|\$\{|$)/i;

const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);

function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Skips a '…' or "…" string starting at i (the quote); stops at an unescaped newline (JSX text). */
function skipString(src: string, i: number): number {
  const quote = src[i];
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === '\\') j += 2;
    else if (c === quote) return j + 1;
    else if (c === '\n') return j;
    else j++;
  }
  return j;
}

/** Skips a regex literal starting at i (the slash); returns -1 when it is not one (no closing slash). */
function skipRegex(src: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < src.length) {
    const c = src[j];
    if (c === '\n') return -1;
    if (c === '\\') j += 2;
    else if (c === '[') {
      inClass = true;
      j++;
    } else if (c === ']') {
      inClass = false;
      j++;
    } else if (c === '/' && !inClass) {
      j++;
      while (j < src.length && /[a-z]/i.test(src[j] ?? '')) j++;
      return j;
    } else j++;
  }
  return -1;
}

/** Is the code just before `index` the opening of a `.query(` / `.query<…>(` call? */
function isQueryArgument(src: string, index: number): boolean {
  let j = index - 1;
  const skipWs = () => {
    while (j >= 0 && /\s/.test(src[j] ?? '')) j--;
  };
  skipWs();
  if (src[j] !== '(') return false;
  j--;
  skipWs();
  if (src[j] === '>') {
    let depth = 0;
    for (; j >= 0; j--) {
      if (src[j] === '>') depth++;
      else if (src[j] === '<' && --depth === 0) break;
    }
    if (j < 0) return false;
    j--;
    skipWs();
  }
  const end = j + 1;
  if (src.slice(end - 5, end) !== 'query') return false;
  if (/[\w$]/.test(src[end - 6] ?? '')) return false;
  j = end - 6;
  skipWs();
  return src[j] === '.';
}

/** `escapeIdentifier(…)` and nothing else: the call's closing parenthesis ends the expression. */
export function isEscapeIdentifierCall(expression: string): boolean {
  const e = expression.trim();
  const m = /^escapeIdentifier\s*\(/.exec(e);
  if (!m) return false;
  let depth = 0;
  for (let j = m[0].length - 1; j < e.length; j++) {
    const c = e[j];
    if (c === "'" || c === '"' || c === '`') {
      const close = e.indexOf(c, j + 1);
      if (close < 0) return false;
      j = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j === e.length - 1;
  }
  return false;
}

/** Every template literal of a source file (nested ones too), in source order. */
export function templatesOf(src: string, file = '<source>'): SqlTemplate[] {
  const starts = lineStarts(src);
  const out: SqlTemplate[] = [];

  // Scans code from i; in an interpolation, returns the index of its closing brace.
  function scanCode(i: number, inInterpolation: boolean): number {
    let depth = 0;
    let prev = ''; // last significant character, or a word
    while (i < src.length) {
      const c = src[i] as string;
      const next = src[i + 1];
      if (c === '/' && next === '/') {
        const nl = src.indexOf('\n', i);
        i = nl < 0 ? src.length : nl;
      } else if (c === '/' && next === '*') {
        const close = src.indexOf('*/', i + 2);
        i = close < 0 ? src.length : close + 2;
      } else if (c === "'" || c === '"') {
        i = skipString(src, i);
        prev = 'a';
      } else if (c === '`') {
        i = scanTemplate(i);
        prev = 'a';
      } else if (c === '/') {
        const regexAllowed =
          prev === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(prev) || REGEX_AFTER_WORD.has(prev);
        const end = regexAllowed ? skipRegex(src, i) : -1;
        if (end > 0) {
          i = end;
          prev = 'a';
        } else {
          i++;
          prev = '/';
        }
      } else if (/[A-Za-z_$]/.test(c)) {
        let j = i + 1;
        while (j < src.length && /[\w$]/.test(src[j] ?? '')) j++;
        prev = src.slice(i, j);
        i = j;
      } else if (/\s/.test(c)) {
        i++;
      } else {
        if (c === '{') depth++;
        else if (c === '}') {
          if (depth === 0 && inInterpolation) return i;
          depth--;
        }
        prev = /[0-9]/.test(c) ? 'a' : c;
        i++;
      }
    }
    return i;
  }

  // i is at the opening backtick; returns the index after the closing one.
  function scanTemplate(i: number): number {
    const quasis: string[] = [];
    const expressions: string[] = [];
    let part = '';
    let j = i + 1;
    while (j < src.length) {
      const c = src[j];
      if (c === '\\') {
        part += src.slice(j, j + 2);
        j += 2;
      } else if (c === '`') {
        j++;
        break;
      } else if (c === '$' && src[j + 1] === '{') {
        quasis.push(part);
        part = '';
        const close = scanCode(j + 2, true);
        expressions.push(src.slice(j + 2, close));
        j = close + 1;
      } else {
        part += c;
        j++;
      }
    }
    quasis.push(part);
    const queryArgument = isQueryArgument(src, i);
    out.push({
      file,
      line: lineOf(starts, i),
      quasis,
      expressions,
      queryArgument,
      sqlKeyword: SQL_START.test(quasis[0] ?? ''),
    });
    return j;
  }

  scanCode(0, false);
  return out.sort((a, b) => a.line - b.line);
}

export function classify(templates: SqlTemplate[]): Omit<ScanResult, 'files'> {
  const sqlTemplates = templates.filter((t) => t.queryArgument || t.sqlKeyword);
  const allowed: SqlTemplate[] = [];
  const findings: SqlFinding[] = [];
  for (const t of sqlTemplates) {
    if (t.expressions.length === 0) continue;
    if (t.expressions.every(isEscapeIdentifierCall)) {
      allowed.push(t);
      continue;
    }
    const reasons = [
      t.queryArgument ? 'interpolated template passed to .query()' : '',
      t.sqlKeyword ? 'interpolated template starting with an SQL keyword' : '',
    ].filter(Boolean);
    const snippet = t.quasis
      .map((q, k) => (k < t.expressions.length ? `${q}\${${t.expressions[k]}}` : q))
      .join('')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120);
    findings.push({ file: t.file, line: t.line, reason: reasons.join('; '), snippet });
  }
  return { sqlTemplates, allowed, findings };
}

export function scanSource(src: string, file = '<source>'): Omit<ScanResult, 'files'> {
  return classify(templatesOf(src, file));
}

const SKIP_DIRS = new Set(['node_modules', '.next', '.git', '.data']);

function collect(root: string, rel: string, excluded: string[], out: string[]): void {
  const abs = path.join(root, rel);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(abs);
  } catch {
    return; // a listed root that does not exist yet (e.g. e2e before its first spec)
  }
  if (excluded.some((x) => rel === x || rel.startsWith(`${x}/`))) return;
  if (st.isDirectory()) {
    for (const name of readdirSync(abs).sort()) {
      if (SKIP_DIRS.has(name)) continue;
      collect(root, rel ? `${rel}/${name}` : name, excluded, out);
    }
  } else if (/\.(ts|tsx)$/.test(rel) && !rel.endsWith('.d.ts')) {
    out.push(rel);
  }
}

export const DEFAULT_ROOTS = [
  'app',
  'lib',
  'inngest',
  'components',
  'scripts',
  'e2e',
  'tests',
  'supabase/tests',
  'proxy.ts',
  'instrumentation.ts',
];

/** Scans the given roots (files or folders, relative to cwd); paths in the result are relative. */
export function scanTree(
  cwd: string,
  roots: string[] = DEFAULT_ROOTS,
  excluded: string[] = ['tests/fixtures'],
): ScanResult {
  const files: string[] = [];
  for (const r of roots) collect(cwd, r, excluded, files);
  const templates = files.flatMap((f) => templatesOf(readFileSync(path.join(cwd, f), 'utf8'), f));
  return { files, ...classify(templates) };
}
