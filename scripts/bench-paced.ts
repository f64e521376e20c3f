/**
 * An open-loop load generator: one request every 1000/rate ms for a fixed time, each sent on its own
 * schedule whether or not earlier ones have been answered (as independent callers such as Discord send
 * them). Latency is measured from the moment a request was *due*, not from when the client got round to
 * sending it, so a stalled client or server cannot hide its own delay (no coordinated omission).
 *
 * autocannon's `overallRate` works differently: each connection sends its share of a second's requests
 * back to back as soon as the second starts, then waits, so 100 req/s over 10 connections arrive as a
 * burst of 10 concurrent streams at the top of every second; and it records each latency with an
 * "expected interval" of ceil(1/rate) = 1 ms, so a 40 ms reply counts as 40 samples. Both inflate p99
 * well beyond what a server sees at an even 100 req/s — a bare Node server that answers at once shows a
 * p99 near 20 ms under it on this machine. The benchmarks print both figures.
 */
import { appendFileSync } from 'node:fs';
import http from 'node:http';

export type PacedResult = {
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  errors: number;
  sent: number;
};

export type PacedRequest = { path: string; body: string; headers: Record<string, string> };

const round = (x: number) => Math.round(x * 10) / 10;

export async function runPaced(opts: {
  url: string;
  rate: number;
  seconds: number;
  next: () => PacedRequest;
  timeoutMs?: number;
  /** With BENCH_TRACE=<file>, one CSV line per request is appended: label, epoch ms when due, latency ms. */
  label?: string;
}): Promise<PacedResult> {
  const target = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const trace: string[] = [];
  const epoch = performance.timeOrigin;
  let errors = 0;
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const r = opts.next();
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: r.path,
          method: 'POST',
          agent,
          timeout: opts.timeoutMs ?? 10_000,
          headers: { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            else latencies.push(performance.now() - due);
            trace.push(
              `${opts.label ?? ''},${(epoch + due).toFixed(1)},${(performance.now() - due).toFixed(1)},${res.statusCode}`,
            );
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });

  const total = Math.round(opts.rate * opts.seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  if (process.env.BENCH_TRACE) appendFileSync(process.env.BENCH_TRACE, `${trace.join('\n')}\n`);
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    round(latencies[Math.max(0, Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1))] ?? 0);
  return {
    rps: round(latencies.length / elapsed),
    p50_ms: q(0.5),
    p90_ms: q(0.9),
    p99_ms: q(0.99),
    max_ms: round(latencies.at(-1) ?? 0),
    errors,
    sent: total,
  };
}
