'use client';

import { useEffect, useState } from 'react';

/**
 * The current time, re-rendering every `intervalMs`, shifted by `offsetMs` (database time minus this
 * browser's clock) so countdowns agree with the server that bills. Null until mounted, so the server render
 * and the first client render match.
 */
export function useNow(offsetMs: number, intervalMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now() + offsetMs);
    tick();
    const id = setInterval(tick, intervalMs);
    return () => clearInterval(id);
  }, [offsetMs, intervalMs]);
  return now;
}
