'use client';

import { CheckCircle2, CircleSlash, RefreshCw, XCircle } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import type { HealthResult } from '@/lib/admin/health/types';
import { apiFetch } from '@/lib/http/client';
import { cn } from '@/lib/utils/cn';

export const HEALTH_POLL_MS = 30_000;

/** Green/red tiles; re-checked every 30 s (and on demand) through the admin health route. */
export function HealthTiles({ initial, compact = false }: { initial: HealthResult[]; compact?: boolean }) {
  const [checks, setChecks] = useState(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    const r = await apiFetch<{ checks: HealthResult[] }>('/api/admin/health');
    busy.current = false;
    setLoading(false);
    if (r.ok) {
      setChecks(r.data.checks);
      setError(null);
    } else setError(r.error.message);
  }, []);

  useEffect(() => {
    const t = setInterval(() => void refresh(), HEALTH_POLL_MS);
    return () => clearInterval(t);
  }, [refresh]);

  const failing = checks.filter((c) => c.status === 'fail').length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="health-summary">
          {failing === 0 ? 'All checks passing' : `${failing} failing`} · re-checked every 30 s
          {error ? ` · last refresh failed: ${error}` : ''}
        </p>
        <Button size="sm" variant="outline" onClick={() => void refresh()} loading={loading}>
          <RefreshCw aria-hidden /> Check now
        </Button>
      </div>
      <ul
        className={cn(
          'grid gap-3',
          compact ? 'sm:grid-cols-2 lg:grid-cols-4' : 'sm:grid-cols-2 xl:grid-cols-3',
        )}
      >
        {checks.map((c) => (
          <li
            key={c.id}
            data-testid={`health-${c.id}`}
            data-status={c.status}
            className={cn(
              'rounded-lg border p-3',
              c.status === 'ok' && 'border-success/30 bg-success/5',
              c.status === 'fail' && 'border-destructive/40 bg-destructive/5',
              c.status === 'off' && 'border-border bg-muted/40',
            )}
          >
            <div className="flex items-start justify-between gap-2">
              <div className="flex items-center gap-2 font-medium">
                {c.status === 'ok' ? (
                  <CheckCircle2 className="size-4 text-success" aria-hidden />
                ) : c.status === 'fail' ? (
                  <XCircle className="size-4 text-destructive" aria-hidden />
                ) : (
                  <CircleSlash className="size-4 text-muted-foreground" aria-hidden />
                )}
                {c.label}
              </div>
              <Badge
                variant={c.status === 'ok' ? 'success' : c.status === 'fail' ? 'destructive' : 'secondary'}
              >
                {c.status === 'ok' ? 'OK' : c.status === 'fail' ? 'Failing' : 'Not configured'}
              </Badge>
            </div>
            <p
              className={cn(
                'mt-1 break-words text-sm',
                c.status === 'fail' ? 'text-destructive' : 'text-muted-foreground',
              )}
            >
              {c.message}
            </p>
            {compact ? null : (
              <p className="mt-2 flex flex-wrap gap-x-3 text-xs text-muted-foreground">
                <span>{c.mode === 'local' ? `Local adapter: ${c.adapter}` : c.adapter}</span>
                <span>{c.latencyMs === null ? 'no latency' : `${c.latencyMs} ms`}</span>
                <span>
                  checked <LocalTime value={c.checkedAt} />
                </span>
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
