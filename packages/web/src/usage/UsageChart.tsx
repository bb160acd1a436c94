// A small accessible SVG chart: stacked bars per time bucket (successful, errors, rate limited),
// with a text summary for screen readers and the numbers as a table on demand.
import { useId } from "react";
import type { HistoryBucket, HistoryRange } from "../lib/api";
import { formatNumber } from "../lib/format";

const WIDTH = 960;
const HEIGHT = 260;
const PAD = { top: 12, right: 12, bottom: 40, left: 64 };

export type Series = { ok: number; errors: number; limited: number };

/** Splits a bucket into stacked parts; a 429 is in `rateLimited` only, never also in `errors`. */
export function splitBucket(b: HistoryBucket): Series {
  const limited = Math.max(0, b.rateLimited);
  const errors = Math.max(0, b.errors);
  const ok = Math.max(0, b.requests - errors - limited);
  return { ok, errors, limited };
}

/** A round axis maximum at or above `max` (1, 2, 5 × 10^n), and its whole-number tick step. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!);
  return { top: step * Math.ceil(max / step), step };
}

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const fullFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

export function bucketLabel(start: number, range: HistoryRange) {
  return range === "24h" ? hourFormat.format(start) : dayFormat.format(start);
}

export function UsageChart({ buckets, range, title }: { buckets: readonly HistoryBucket[]; range: HistoryRange; title: string }) {
  const titleId = useId();
  const descId = useId();
  const parts = buckets.map(splitBucket);
  const totals = buckets.reduce(
    (acc, b) => ({ requests: acc.requests + b.requests, errors: acc.errors + b.errors, limited: acc.limited + b.rateLimited }),
    { requests: 0, errors: 0, limited: 0 },
  );
  const { top, step } = niceScale(Math.max(0, ...buckets.map((b) => b.requests)));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, buckets.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  // Fewer, larger labels: the chart scales down on a phone, and 8 labels in 390 px were unreadable.
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 6));
  const gridValues = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);

  return (
    <figure className="stack-sm" style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId} preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>{title}</title>
        <desc id={descId}>
          {`${formatNumber(totals.requests)} requests in ${buckets.length} buckets, of which ${formatNumber(totals.errors)} errors and ${formatNumber(totals.limited)} rate limited (429).`}
        </desc>
        {gridValues.map((v) => (
          <g key={v}>
            <line className={v === 0 ? "axis" : "grid"} x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">{formatNumber(v)}</text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const p = parts[i]!;
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const h = (v: number) => (v / top) * plotH;
          const okY = y(p.ok);
          const errY = okY - h(p.errors);
          const limY = errY - h(p.limited);
          return (
            <g key={b.start}>
              <title>{`${fullFormat.format(b.start)}: ${b.requests} requests, ${b.errors} errors, ${b.rateLimited} rate limited`}</title>
              {p.ok > 0 && <rect className="bar-ok" x={x} y={okY} width={barW} height={h(p.ok)} rx={1.5} />}
              {p.errors > 0 && <rect className="bar-error" x={x} y={errY} width={barW} height={h(p.errors)} rx={1.5} />}
              {p.limited > 0 && <rect className="bar-limited" x={x} y={limY} width={barW} height={h(p.limited)} rx={1.5} />}
              {i % labelEvery === 0 && (
                <text x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle">{bucketLabel(b.start, range)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span><i style={{ background: "var(--chart-ok)" }} aria-hidden="true" /> Successful</span>
        <span><i style={{ background: "var(--chart-error)" }} aria-hidden="true" /> Errors</span>
        <span><i style={{ background: "var(--chart-limited)" }} aria-hidden="true" /> Rate limited (429)</span>
      </figcaption>
      <details>
        <summary className="small">Show the numbers</summary>
        <div className="table-wrap" style={{ marginTop: 8, maxHeight: 260, overflow: "auto" }}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr><th scope="col">Time</th><th scope="col" className="num">Requests</th><th scope="col" className="num">Errors</th><th scope="col" className="num">429</th></tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.start}>
                  <td>{fullFormat.format(b.start)}</td>
                  <td className="num">{formatNumber(b.requests)}</td>
                  <td className="num">{formatNumber(b.errors)}</td>
                  <td className="num">{formatNumber(b.rateLimited)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
