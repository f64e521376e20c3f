/** One health tile. `off` = a managed service that is not configured here and has no local stand-in. */
export interface HealthResult {
  id: string;
  label: string;
  status: 'ok' | 'fail' | 'off';
  mode: 'managed' | 'local';
  /** What runs: the managed service or the local adapter in use. */
  adapter: string;
  latencyMs: number | null;
  /** Why it failed (the error), or a short note when ok. */
  message: string;
  checkedAt: string;
}

export const DEFAULT_TIMEOUT_MS = 5_000;
