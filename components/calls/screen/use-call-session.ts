'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useChannel } from '@/components/realtime/realtime-provider';
import type { CallState, CallStatus, CallSummary } from '@/lib/calls/types';
import { apiFetch } from '@/lib/http/client';
import type { StatementData } from './call-statement';

export const POLL_MS = 5_000;
export const HEARTBEAT_MS = 20_000;

/** Statuses only move forward; a late poll or event must not take the screen back. */
const RANK: Record<CallStatus, number> = {
  requested: 0,
  accepted: 1,
  connected: 2,
  declined: 3,
  expired: 3,
  cancelled: 3,
  ended: 3,
};

function later(next: CallSummary, prev: CallSummary): CallSummary {
  return RANK[next.status] >= RANK[prev.status] ? next : prev;
}

export const isOpen = (s: CallStatus) => s === 'requested' || s === 'accepted' || s === 'connected';
export const isLive = (s: CallStatus) => s === 'accepted' || s === 'connected';

/**
 * Keeps one call's state current on the call screen: live `call.updated` events on `call:<id>`, a 5 s poll
 * as a fallback while the call is open, a 20 s heartbeat while accepted or connected, the clock offset to
 * the database, and the statement once the call has ended.
 */
export function useCallSession(initial: CallState, initialStatement: StatementData | null) {
  const id = initial.call.id;
  const [state, setState] = useState(initial);
  const [offsetMs, setOffsetMs] = useState(0);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [statement, setStatement] = useState(initialStatement);
  const [statementError, setStatementError] = useState<string | null>(null);
  const status = state.call.status;

  const applyState = useCallback((next: CallState) => {
    setOffsetMs(Date.parse(next.serverNow) - Date.now());
    setState((prev) => ({ ...next, call: later(next.call, prev.call) }));
  }, []);

  const applyCall = useCallback((call: CallSummary) => {
    setState((prev) => ({ ...prev, call: later(call, prev.call) }));
  }, []);

  const inFlight = useRef(false);
  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const r = await apiFetch<CallState>(`/api/calls/${id}`);
    inFlight.current = false;
    if (r.ok) {
      applyState(r.data);
      setSyncError(null);
    } else {
      setSyncError(r.error.message);
    }
  }, [id, applyState]);

  // The server render may be a few seconds old (and it sets the clock offset): read it again once mounted.
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = isOpen(status);
  useEffect(() => {
    if (!open) return;
    const t = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(t);
  }, [open, refresh]);

  const live = isLive(status);
  useEffect(() => {
    if (!live) return;
    const beat = async () => {
      const r = await apiFetch<CallState>(`/api/calls/${id}/heartbeat`, { method: 'POST' });
      if (r.ok) applyState(r.data);
    };
    const t = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => clearInterval(t);
  }, [live, id, applyState]);

  useChannel(open ? `call:${id}` : null, (msg) => {
    if (msg.name !== 'call.updated') return;
    const call = (msg.data as { call?: CallSummary } | null)?.call;
    if (!call || call.id !== id) return;
    applyCall(call);
    // The event carries the call only; the funded boundary and wallet minutes come with the state.
    void refresh();
  });

  useEffect(() => {
    if (status !== 'ended' || statement || statementError) return;
    let cancelled = false;
    apiFetch<StatementData>(`/api/calls/${id}/statement`).then((r) => {
      if (cancelled) return;
      if (r.ok) {
        setStatement(r.data);
        applyCall(r.data.call);
      } else {
        setStatementError(r.error.message);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [status, statement, statementError, id, applyCall]);

  return {
    state,
    offsetMs,
    syncError,
    statement,
    statementError,
    retryStatement: () => setStatementError(null),
    /** The wallet could not fund the next minute (renew answered 402): the call runs out with the held time. */
    markFundsOut: useCallback(() => setState((prev) => ({ ...prev, walletMinutes: 0 })), []),
    applyState,
    applyCall,
    refresh,
  };
}
