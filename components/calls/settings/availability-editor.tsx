'use client';

import { CalendarClock, Plus, Trash2 } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import { zoneLabel } from '@/components/calls/profile/zones';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import type { AvailabilityWindow } from '@/lib/calls/settings';
import { apiFetch, fieldErrors } from '@/lib/http/client';

/** Monday first; weekday numbers are the API's (0 = Sunday). */
const DAYS = [
  { weekday: 1, name: 'Monday' },
  { weekday: 2, name: 'Tuesday' },
  { weekday: 3, name: 'Wednesday' },
  { weekday: 4, name: 'Thursday' },
  { weekday: 5, name: 'Friday' },
  { weekday: 6, name: 'Saturday' },
  { weekday: 0, name: 'Sunday' },
] as const;

const MAX_WINDOWS = 50;

interface Row extends AvailabilityWindow {
  key: number;
}

const minutes = (hhmm: string): number => {
  if (hhmm === '24:00') return 24 * 60;
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const hhmm = (total: number): string =>
  total >= 24 * 60
    ? '24:00'
    : `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** "17:00" → "5:00 PM" in the browser's convention, "24:00" → "midnight". */
function clock(hm: string): string {
  if (hm === '24:00') return 'midnight';
  const [h, m] = hm.split(':').map(Number);
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, 0, 1, h ?? 0, m ?? 0)),
  );
}

function sortRows<T extends AvailabilityWindow>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.weekday - b.weekday || minutes(a.start) - minutes(b.start));
}

/** Messages per row key, and overall ones, checked the way the API checks them. */
function validate(rows: Row[]): { byKey: Map<number, string>; form: string | null } {
  const byKey = new Map<number, string>();
  for (const r of rows) {
    if (!/^\d\d:\d\d$/.test(r.start) || !/^\d\d:\d\d$/.test(r.end))
      byKey.set(r.key, 'Enter a start and an end time.');
    else if (minutes(r.start) >= minutes(r.end)) byKey.set(r.key, 'The end must be after the start.');
  }
  for (const day of DAYS) {
    const onDay = sortRows(rows.filter((r) => r.weekday === day.weekday && !byKey.has(r.key)));
    for (let i = 1; i < onDay.length; i++) {
      const prev = onDay[i - 1];
      const cur = onDay[i];
      if (prev && cur && minutes(cur.start) < minutes(prev.end)) {
        byKey.set(cur.key, `Overlaps ${clock(prev.start)}–${clock(prev.end)} on the same day.`);
      }
    }
  }
  const form =
    rows.length > MAX_WINDOWS
      ? `You can have at most ${MAX_WINDOWS} windows a week (you have ${rows.length}).`
      : null;
  return { byKey, form };
}

const signature = (rows: AvailabilityWindow[]) =>
  JSON.stringify(sortRows(rows).map((r) => [r.weekday, r.start, r.end]));

export function AvailabilityEditor({
  initialWindows,
  timezone,
  settingsSaved,
}: {
  initialWindows: AvailabilityWindow[];
  /** The saved call time zone (null before the settings were saved once). */
  timezone: string | null;
  settingsSaved: boolean;
}) {
  const nextKey = useRef(0);
  const withKeys = (ws: AvailabilityWindow[]): Row[] => ws.map((w) => ({ ...w, key: nextKey.current++ }));
  const [rows, setRows] = useState<Row[]>(() => withKeys(initialWindows));
  const [saved, setSaved] = useState(() => signature(initialWindows));
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<Map<number, string>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const baseId = useId();

  const { byKey, form } = validate(rows);
  const dirty = signature(rows) !== saved;

  function update(key: number, patch: Partial<AvailabilityWindow>) {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setServerErrors((m) => {
      if (!m.has(key)) return m;
      const next = new Map(m);
      next.delete(key);
      return next;
    });
  }

  function add(weekday: number) {
    const onDay = sortRows(rows.filter((r) => r.weekday === weekday));
    const last = onDay.at(-1);
    const lastEnd = last ? minutes(last.end) : null;
    const start = lastEnd === null ? 9 * 60 : lastEnd <= 23 * 60 ? lastEnd : 9 * 60;
    const end = lastEnd === null ? 17 * 60 : Math.min(start + 60, 24 * 60);
    setRows((rs) => [...rs, { key: nextKey.current++, weekday, start: hhmm(start), end: hhmm(end) }]);
  }

  function copyToWeekdays(weekday: number) {
    const source = rows.filter((r) => r.weekday === weekday);
    const targets = [1, 2, 3, 4, 5].filter((d) => d !== weekday);
    setRows((rs) => [
      ...rs.filter((r) => !targets.includes(r.weekday)),
      ...targets.flatMap((d) =>
        source.map((s) => ({ key: nextKey.current++, weekday: d, start: s.start, end: s.end })),
      ),
    ]);
  }

  async function save() {
    setShowErrors(true);
    setFormError(null);
    if (byKey.size > 0 || form) return;
    const sent = sortRows(rows);
    setSaving(true);
    const r = await apiFetch<{ windows: AvailabilityWindow[] }>('/api/calls/availability', {
      method: 'PUT',
      body: { windows: sent.map(({ weekday, start, end }) => ({ weekday, start, end })) },
    });
    setSaving(false);
    if (!r.ok) {
      // Field paths look like "windows.3.end": point each message at the row that was sent at that index.
      const mapped = new Map<number, string>();
      for (const [path, messages] of Object.entries(fieldErrors(r))) {
        const index = Number(path.split('.')[1]);
        const row = Number.isInteger(index) ? sent[index] : undefined;
        if (row) mapped.set(row.key, messages.join(' '));
      }
      setServerErrors(mapped);
      setFormError(r.error.message);
      return;
    }
    setRows(withKeys(r.data.windows));
    setSaved(signature(r.data.windows));
    setServerErrors(new Map());
    setShowErrors(false);
    const n = r.data.windows.length;
    toast.success('Weekly availability saved', {
      description:
        n === 0 ? 'Fans cannot book a time until you add one.' : `${n} window${n === 1 ? '' : 's'} a week.`,
    });
  }

  const zoneText = timezone ? `${zoneLabel(timezone)} (${timezone})` : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="flex items-center gap-2">
          <CalendarClock className="size-5 text-primary" aria-hidden /> Weekly availability
        </CardTitle>
        <CardDescription>
          {zoneText
            ? `Times fans can book, in your time zone: ${zoneText}. Fans see them in theirs.`
            : 'Times fans can book each week. Save your call settings first so we know your time zone.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {formError ? (
          <Alert variant="destructive">
            <AlertTitle>Availability not saved</AlertTitle>
            <AlertDescription>
              <p>{formError}</p>
            </AlertDescription>
          </Alert>
        ) : null}
        {showErrors && form ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            {form}
          </p>
        ) : null}
        <ul className="divide-y rounded-lg border">
          {DAYS.map((day) => {
            const onDay = rows.filter((r) => r.weekday === day.weekday);
            const headingId = `${baseId}-day-${day.weekday}`;
            return (
              <li
                key={day.weekday}
                className="grid grid-cols-1 gap-3 p-3 sm:grid-cols-[7rem_minmax(0,1fr)] sm:items-start"
                aria-labelledby={headingId}
              >
                <div className="flex items-center justify-between gap-2 sm:block sm:pt-2">
                  <h3 id={headingId} className="text-sm font-medium">
                    {day.name}
                  </h3>
                  {onDay.length === 0 ? (
                    <span className="text-xs text-muted-foreground sm:hidden">Unavailable</span>
                  ) : null}
                </div>
                <div className="space-y-2">
                  {onDay.length === 0 ? (
                    <p className="hidden pt-2 text-sm text-muted-foreground sm:block">Unavailable</p>
                  ) : null}
                  {onDay.map((row, i) => {
                    const error = serverErrors.get(row.key) ?? (showErrors ? byKey.get(row.key) : undefined);
                    const errorId = `${baseId}-err-${row.key}`;
                    const label = `${day.name}, window ${i + 1}`;
                    return (
                      <div key={row.key} className="space-y-1">
                        <div className="flex items-center gap-1.5 sm:gap-2">
                          <label className="sr-only" htmlFor={`${baseId}-s-${row.key}`}>
                            {label}: start
                          </label>
                          <Input
                            id={`${baseId}-s-${row.key}`}
                            type="time"
                            step={300}
                            value={row.start}
                            onChange={(e) => update(row.key, { start: e.target.value })}
                            className="min-w-0 flex-1 px-2 max-sm:[&::-webkit-calendar-picker-indicator]:hidden sm:w-32 sm:flex-none sm:px-3"
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                          />
                          <span aria-hidden className="text-muted-foreground">
                            –
                          </span>
                          <label className="sr-only" htmlFor={`${baseId}-e-${row.key}`}>
                            {label}: end (00:00 means midnight)
                          </label>
                          <Input
                            id={`${baseId}-e-${row.key}`}
                            type="time"
                            step={300}
                            value={row.end === '24:00' ? '00:00' : row.end}
                            onChange={(e) =>
                              update(row.key, { end: e.target.value === '00:00' ? '24:00' : e.target.value })
                            }
                            className="min-w-0 flex-1 px-2 max-sm:[&::-webkit-calendar-picker-indicator]:hidden sm:w-32 sm:flex-none sm:px-3"
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                          />
                          <Button
                            type="button"
                            variant="ghost"
                            size="icon"
                            className="size-8 shrink-0 text-muted-foreground sm:size-9"
                            onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
                            aria-label={`Remove ${label}`}
                          >
                            <Trash2 aria-hidden />
                          </Button>
                        </div>
                        {error ? (
                          <p id={errorId} className="text-sm font-medium text-destructive">
                            {error}
                          </p>
                        ) : null}
                      </div>
                    );
                  })}
                  <div className="flex flex-wrap gap-x-4 gap-y-1">
                    <Button
                      type="button"
                      variant="link"
                      size="sm"
                      onClick={() => add(day.weekday)}
                      aria-label={`Add hours on ${day.name}`}
                    >
                      <Plus aria-hidden /> Add hours
                    </Button>
                    {onDay.length > 0 && day.weekday >= 1 && day.weekday <= 5 ? (
                      <Button
                        type="button"
                        variant="link"
                        size="sm"
                        className="text-muted-foreground"
                        onClick={() => copyToWeekdays(day.weekday)}
                        aria-label={`Copy ${day.name}'s hours to Mon–Fri`}
                      >
                        Copy to Mon–Fri
                      </Button>
                    ) : null}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
        <p className="text-xs text-muted-foreground">
          An end time of 00:00 (12:00 AM) means midnight, the end of the day. Changing your time zone keeps
          these clock times.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={save} loading={saving} disabled={!dirty || !settingsSaved}>
            {saving ? 'Saving…' : 'Save availability'}
          </Button>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {!settingsSaved
              ? 'Save your call settings first.'
              : dirty
                ? 'You have unsaved changes.'
                : rows.length === 0
                  ? 'No hours yet: fans cannot book a time.'
                  : 'All changes saved.'}
          </p>
        </div>
      </CardContent>
    </Card>
  );
}
