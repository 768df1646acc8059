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

/**
 * The ranks (1-based) of a distribution-free confidence interval of the median of `n`
 * samples, at least 95 %: [x(k), x(n+1-k)] with k the largest rank such that a fair coin
 * gives fewer than k heads in n throws with probability at most 2.5 %. Too few samples
 * for that (under 6) give the whole range.
 */
function medianIntervalRanks(n) {
  let k = 0;
  let below = 0; // P(heads < k + 1) so far
  let term = 0.5 ** n; // P(heads = k)
  while (k < n && below + term <= 0.025) {
    below += term;
    term = (term * (n - k)) / (k + 1);
    k += 1;
  }
  return k === 0 ? [1, n] : [k, n + 1 - k];
}

/**
 * Two commands timed in the same rounds (A then B, B then A, ...): the median over rounds
 * of B / A, its 95 % confidence interval (ratioLow..ratioHigh), and the median of B - A.
 * Each round's pair ran back to back, so a drift in machine load cancels out of the ratio
 * where it would not cancel out of two separate medians.
 */
export function comparePaired(a, b) {
  if (a.length !== b.length || a.length === 0) throw new Error('paired samples must be of one non-zero length');
  const ratios = a.map((x, i) => b[i] / x).sort((p, q) => p - q);
  const diffs = a.map((x, i) => b[i] - x).sort((p, q) => p - q);
  const [low, high] = medianIntervalRanks(ratios.length);
  return { ratio: round(median(ratios)), ratioLow: round(ratios[low - 1]), ratioHigh: round(ratios[high - 1]), diffMs: round(median(diffs)) };
}
