'use client';

import { Bug, Pause, Play } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { LocalTime } from '@/components/ui/local-time';
import { NativeSelect } from '@/components/ui/select';
import { apiFetch } from '@/lib/http/client';

interface LogRow {
  id: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  source: string;
  message: string;
  context: Record<string, unknown>;
  request_id: string | null;
  created_at: string;
}

export const LOG_POLL_MS = 2_000;
const PAGE = 200;
const KEEP = 500;
const LOOKBACK = 50;
const LEVELS = [
  { value: '', label: 'All levels' },
  { value: 'error', label: 'Errors' },
  { value: 'warn,error', label: 'Warnings and errors' },
  { value: 'info,warn,error', label: 'Info and above' },
  { value: 'debug', label: 'Debug only' },
];

const levelVariant = { error: 'destructive', warn: 'warning', info: 'secondary', debug: 'outline' } as const;

/**
 * Live tail of app_logs: polls every 2 s with the newest id as cursor, newest first, pausable. When more
 * lines arrive between two polls than a page holds, the newest page is shown and the gap below it is
 * marked (never silently skipped).
 */
export function LogStream({ sources }: { sources: string[] }) {
  const [rows, setRows] = useState<LogRow[]>([]);
  const [level, setLevel] = useState('');
  const [source, setSource] = useState('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [paused, setPaused] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  // Ids of rows below which lines were skipped (a burst bigger than a page).
  const [gapsBelow, setGapsBelow] = useState<ReadonlySet<string>>(new Set());
  const cursor = useRef<string | null>(null);
  const busy = useRef(false);
  const generation = useRef(0);

  const poll = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const gen = generation.current;
    const params = new URLSearchParams({ limit: String(PAGE) });
    const seenUpTo = cursor.current;
    // Look back a little behind the cursor: a line whose id was taken earlier but whose transaction
    // committed later would otherwise be skipped. Lines already shown are dropped by id below.
    if (cursor.current) params.set('after', String(Math.max(0, Number(cursor.current) - LOOKBACK)));
    if (level) params.set('level', level);
    if (source) params.set('source', source);
    if (search) params.set('q', search);
    const r = await apiFetch<{ items: LogRow[]; cursor: string | null; olderId: string | null }>(
      `/api/admin/logs?${params}`,
    );
    busy.current = false;
    if (gen !== generation.current) return; // filters changed meanwhile: drop this answer
    setLoaded(true);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    const newest = r.data.items[0]?.id;
    if (newest && (!cursor.current || Number(newest) > Number(cursor.current))) cursor.current = newest;
    // The page did not reach back to the lines already shown: mark where lines are missing.
    const oldest = r.data.items.at(-1)?.id;
    if (seenUpTo && oldest && r.data.olderId && Number(r.data.olderId) > Number(seenUpTo)) {
      setGapsBelow((g) => new Set(g).add(oldest));
    }
    if (r.data.items.length) {
      setRows((prev) => {
        const seen = new Set(prev.map((x) => x.id));
        const fresh = r.data.items.filter((x) => !seen.has(x.id));
        if (!fresh.length) return prev;
        return [...fresh, ...prev].sort((a, b) => Number(b.id) - Number(a.id)).slice(0, KEEP);
      });
    }
  }, [level, source, search]);

  // A filter change starts the tail again from the newest matching lines.
  function resetTail() {
    generation.current++;
    cursor.current = null;
    busy.current = false;
    setRows([]);
    setGapsBelow(new Set());
    setLoaded(false);
  }

  useEffect(() => {
    if (paused) return;
    void poll();
    const t = setInterval(() => void poll(), LOG_POLL_MS);
    return () => clearInterval(t);
  }, [paused, poll]);

  async function testError() {
    const r = await apiFetch('/api/admin/logs/test-error', { method: 'POST', body: {} });
    if (!r.ok && r.status === 500) toast.success('Test error raised: it appears in the stream within 2 s');
    else toast.error('The test error route did not answer 500');
  }

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim() === search) return;
          resetTail();
          setSearch(q.trim());
        }}
      >
        <div className="flex flex-col gap-1">
          <Label htmlFor="log-level">Level</Label>
          <NativeSelect
            id="log-level"
            value={level}
            onChange={(e) => {
              resetTail();
              setLevel(e.target.value);
            }}
            wrapperClassName="w-48"
          >
            {LEVELS.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="log-source">Source</Label>
          <NativeSelect
            id="log-source"
            value={source}
            onChange={(e) => {
              resetTail();
              setSource(e.target.value);
            }}
            wrapperClassName="w-56"
          >
            <option value="">All sources</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="log-q">Search</Label>
          <Input
            id="log-q"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Message, source or request id"
            className="w-64"
            maxLength={200}
          />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        <div className="ml-auto flex gap-2">
          <Button type="button" variant="outline" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
            {paused ? <Play aria-hidden /> : <Pause aria-hidden />}
            {paused ? 'Resume stream' : 'Pause stream'}
          </Button>
          <Button type="button" variant="outline" onClick={() => void testError()}>
            <Bug aria-hidden /> Raise a test error
          </Button>
        </div>
      </form>
      <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="log-stream-state">
        {paused
          ? 'Paused — new lines are fetched when you resume.'
          : 'Live — checking for new lines every 2 s.'}
        {error ? ` Last poll failed: ${error}` : ''}
        {gapsBelow.size > 0
          ? ' Some lines of a burst were not fetched; the list marks where. Filter or search to find them.'
          : ''}
      </p>
      {!loaded ? (
        <p className="text-sm text-muted-foreground" data-testid="log-loading">
          Loading the latest lines…
        </p>
      ) : rows.length === 0 ? (
        <EmptyState
          title="No log lines match"
          description="New lines appear here as the server writes them."
        />
      ) : (
        <ol className="divide-y divide-border rounded-lg border font-mono text-xs" data-testid="log-rows">
          {rows.flatMap((r) => [
            <li key={r.id} className="space-y-1 px-3 py-2" data-testid="log-row" data-level={r.level}>
              <div className="flex flex-wrap items-center gap-2">
                <Badge variant={levelVariant[r.level]}>{r.level}</Badge>
                <span className="text-muted-foreground">
                  <LocalTime value={r.created_at} />
                </span>
                <span className="font-semibold">{r.source}</span>
                {r.request_id ? <span className="text-muted-foreground">request {r.request_id}</span> : null}
              </div>
              <button
                type="button"
                className="block w-full whitespace-pre-wrap break-words text-left font-sans text-sm"
                onClick={() => setExpanded((x) => (x === r.id ? null : r.id))}
                aria-expanded={expanded === r.id}
              >
                {r.message}
              </button>
              {expanded === r.id ? (
                <pre className="max-h-64 overflow-auto rounded bg-muted p-2">
                  {JSON.stringify(r.context, null, 2)}
                </pre>
              ) : null}
            </li>,
            gapsBelow.has(r.id) ? (
              <li
                key={`gap-${r.id}`}
                className="bg-muted px-3 py-2 font-sans text-sm text-muted-foreground"
                data-testid="log-gap"
              >
                More than {PAGE} lines arrived between two checks: the older ones of that burst are not shown
                here. Pause and filter by level or source, or search, to find them.
              </li>
            ) : null,
          ])}
        </ol>
      )}
    </div>
  );
}
