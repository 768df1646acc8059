// Summaries of timing samples, shared by the process, TUI and memory measurements.

/** Nearest-rank quantile of an ascending array: p95 of 10 samples is the largest but none. */
export function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The median averages the two middle samples of an even count, so it does not lean either way. */
export function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (x) => Math.round(x * 1000) / 1000;

/** { n, min, median, p95, max } of raw samples (ms or MB), rounded to 3 decimals for the JSON. */
export function summarize(samples) {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: round(sorted[0]),
    median: round(median(sorted)),
    p95: round(quantile(sorted, 0.95)),
    max: round(sorted.at(-1)),
  };
}
