// The performance targets cuti holds itself to, their evaluation, and the printed tables.

/** Each target names the row it judges, the statistic, and the limit (`max`: at most, else under). */
export const TARGETS = [
  { section: 'processes', case: 'cuti --version', accounts: 10, stat: 'ratio', limit: 1.3, inclusive: true, text: '<= 1.3x node' },
  { section: 'processes', case: 'cuti claude list', accounts: 10, stat: 'ratio', limit: 1.3, inclusive: true, text: '<= 1.3x node' },
  { section: 'processes', case: 'cuti claude list', accounts: 10000, stat: 'median', limit: 500, text: '< 500 ms' },
  { section: 'tui', case: 'first full frame', accounts: 10, stat: 'median', limit: 300, text: '< 300 ms' },
  { section: 'tui', case: 'first full frame', accounts: 10000, stat: 'median', limit: 800, text: '< 800 ms' },
  { section: 'tui', case: 'keypress: Down', accounts: 10000, stat: 'p95', limit: 16, text: 'p95 < 16 ms' },
  { section: 'tui', case: 'keypress: filter', accounts: 10000, stat: 'p95', limit: 16, text: 'p95 < 16 ms' },
  { section: 'memory', case: 'cuti claude list', accounts: 10000, stat: 'median', limit: 150, text: '< 150 MB' },
  { section: 'network', case: 'cuti claude test --all (server answers after 300 ms)', accounts: 50, stat: 'median', limit: 1500, text: '< 1500 ms' },
  // A dead writer's lock is waited out (it goes stale after 4 s), a stale one taken at once,
  // a lock that cannot be made for lack of permission refused at once (never retried).
  { section: 'locks', case: "write over a dead writer's lock", accounts: null, stat: 'median', limit: 8000, text: '< 8000 ms' },
  { section: 'locks', case: 'write over a stale lock', accounts: null, stat: 'median', limit: 2000, text: '< 2000 ms' },
  { section: 'locks', case: 'write into a read-only store', accounts: null, stat: 'median', limit: 5000, text: '< 5000 ms' },
  { section: 'locks', case: '100 writers at once', accounts: null, stat: 'median', limit: 45000, text: '< 45 s' },
];

const statOf = (row, stat) => (stat === 'ratio' ? row.ratioToNode : row.samples[stat]);

/** Targets with the measured value and `met` (null when that row was not measured, e.g. --sizes 10). */
export function evaluateTargets(results) {
  return TARGETS.map(({ section, case: name, accounts, stat, limit, inclusive, text }) => {
    const row = (results[section] ?? []).find((r) => r.case === name && r.accounts === accounts);
    const value = row ? statOf(row, stat) : null;
    const met = value === null ? null : inclusive ? value <= limit : value < limit;
    return { section, case: name, accounts, statistic: stat, limit, target: text, value, met };
  });
}

const targetFor = (targets, section, row) => targets.find((t) => t.section === section && t.case === row.case && t.accounts === row.accounts);
const verdict = (t) => (t ? (t.met ? 'pass' : 'FAIL') : '');
const fixed = (x, digits = 1) => (typeof x === 'number' ? x.toFixed(digits) : '-');
const accountsText = (n) => (n === null ? '-' : n.toLocaleString('en-US'));

/** An aligned ASCII table: first column left-aligned, the rest right-aligned. */
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(results) {
  const { targets } = results;
  const out = [];
  out.push(`cuti bench  ${results.date}  node ${results.node}  ${results.os.type} ${results.os.release}  ` +
    `${results.cpu.count} x ${results.cpu.model}  load ${results.loadavg.before.map((l) => l.toFixed(2)).join(' ')}` +
    ` -> ${results.loadavg.after.map((l) => l.toFixed(2)).join(' ')}`);
  out.push('');
  out.push(table(
    ['command', 'accounts', 'n', 'median ms', 'p95 ms', 'x node', 'target', 'result'],
    results.processes.map((r) => {
      const t = targetFor(targets, 'processes', r);
      return [r.case, accountsText(r.accounts), String(r.samples.n), fixed(r.samples.median), fixed(r.samples.p95),
        fixed(r.ratioToNode, 2), t?.target ?? '', verdict(t)];
    }),
  ));
  if (results.tui.length > 0) {
    out.push('');
    out.push(table(
      ['TUI (pty, 100x30)', 'accounts', 'n', 'median ms', 'p95 ms', 'min ms', 'max ms', 'target', 'result'],
      results.tui.map((r) => {
        const t = targetFor(targets, 'tui', r);
        return [r.case, accountsText(r.accounts), String(r.samples.n), fixed(r.samples.median), fixed(r.samples.p95),
          fixed(r.samples.min), fixed(r.samples.max), t?.target ?? '', verdict(t)];
      }),
    ));
  }
  if (results.memory.length > 0) {
    out.push('');
    out.push(table(
      ['peak memory (max RSS)', 'accounts', 'n', 'median MB', 'max MB', 'target', 'result'],
      results.memory.map((r) => {
        const t = targetFor(targets, 'memory', r);
        return [r.case, accountsText(r.accounts), String(r.samples.n), fixed(r.samples.median), fixed(r.samples.max),
          t?.target ?? '', verdict(t)];
      }),
    ));
  }
  if (results.network?.length > 0) {
    out.push('');
    out.push(table(
      ['connection test', 'credentials', 'n', 'median ms', 'p95 ms', 'min ms', 'max ms', 'target', 'result'],
      results.network.map((r) => {
        const t = targetFor(targets, 'network', r);
        return [r.case, accountsText(r.accounts), String(r.samples.n), fixed(r.samples.median), fixed(r.samples.p95),
          fixed(r.samples.min), fixed(r.samples.max), t?.target ?? '', verdict(t)];
      }),
    ));
  }
  if ((results.locks ?? []).length > 0) {
    out.push('');
    out.push(table(
      ['lock waits (add-api-key)', 'n', 'median ms', 'max ms', 'target', 'result'],
      results.locks.map((r) => {
        const t = targetFor(targets, 'locks', r);
        return [r.case, String(r.samples.n), fixed(r.samples.median), fixed(r.samples.max), t?.target ?? '', verdict(t)];
      }),
    ));
  }
  for (const note of results.notes) out.push(`note: ${note}`);
  const { met, measured, total } = results.summary;
  out.push('');
  out.push(`targets: ${met} of ${measured} met${measured < total ? ` (${total - measured} not measured in this run)` : ''}`);
  const failed = targets.filter((t) => t.met === false);
  for (const t of failed) out.push(`  missed: ${t.case} at ${accountsText(t.accounts)} accounts: ${t.statistic} ${fixed(t.value, 2)}, target ${t.target}`);
  return out.join('\n');
}
