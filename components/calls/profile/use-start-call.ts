'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type CallKind, type CallSummary, OPEN_STATUSES } from '@/lib/calls/types';
import type { Page } from '@/lib/db/page';
import { apiFetch } from '@/lib/http/client';

export type StartProblem =
  | { code: 'INSUFFICIENT_TOKENS'; message: string }
  | { code: 'CONFLICT'; message: string; openCallId: string | null }
  | { code: 'OTHER'; message: string };

/**
 * Requests a call (instant, or a booked one with bookingId) and goes to the call screen. On failure it keeps
 * the reason so the card can offer the way out: buying tokens, or the call already in progress.
 */
export function useStartCall(creatorId: string) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [problem, setProblem] = useState<StartProblem | null>(null);

  async function start(kind: CallKind, bookingId?: string): Promise<void> {
    const key = bookingId ?? kind;
    setPending(key);
    setProblem(null);
    const r = await apiFetch<{ call: CallSummary }>('/api/calls', {
      method: 'POST',
      body: { creatorId, kind, ...(bookingId ? { bookingId } : {}) },
    });
    if (r.ok) {
      // Keep the button busy while the call screen loads.
      router.push(`/calls/${r.data.call.id}`);
      return;
    }
    setPending(null);
    if (r.error.code === 'INSUFFICIENT_TOKENS') {
      setProblem({ code: 'INSUFFICIENT_TOKENS', message: r.error.message });
    } else if (r.status === 409) {
      const mine = await apiFetch<Page<CallSummary>>('/api/calls?page=1&pageSize=5');
      const open = mine.ok ? mine.data.items.find((c) => OPEN_STATUSES.includes(c.status)) : undefined;
      setProblem({ code: 'CONFLICT', message: r.error.message, openCallId: open?.id ?? null });
    } else {
      setProblem({ code: 'OTHER', message: r.error.message });
    }
  }

  return { start, pending, problem, clearProblem: () => setProblem(null) };
}
