// The performance targets cuti holds itself to, their evaluation, and the printed tables.

/** The pair that times `list` over two identical file homes: what noise alone looks like in a run. */
export const LIST_CONTROL = 'cuti claude list (control)';

/** Each target names the row it judges, the statistic, and the limit (`inclusive`: at most, else under). */
export const TARGETS = [
  { section: 'processes', case: 'cuti --version', accounts: 10, stat: 'ratioToNode', limit: 1.3, inclusive: true, text: '<= 1.3x node' },
  { section: 'processes', case: 'cuti claude list', accounts: 10, stat: 'ratioToNode', limit: 1.3, inclusive: true, text: '<= 1.3x node' },
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
  // The keychain store against the file store, paired rounds (B / A and B - A are medians
  // over rounds). `list` reads no secret, so it must not be slower: it fails only when the
  // rounds show it more than 5 % slower with 95 % confidence (the interval of B / A starts
  // above 1.05). Two identical file homes measured up to 20 % apart on a loaded 2-core
  // machine, so a lone median ratio would flag noise; 5 % is what is not worth telling apart.
  { section: 'stores', case: 'cuti claude list', accounts: 10, stat: 'ratioLow', limit: 1.05, inclusive: true, text: 'not slower (CI from <= 1.05x)' },
  { section: 'stores', case: 'cuti claude list', accounts: 10000, stat: 'ratioLow', limit: 1.05, inclusive: true, text: 'not slower (CI from <= 1.05x)' },
  { section: 'stores', case: 'cuti claude print-key', accounts: 10, stat: 'diffMs', limit: 20, inclusive: true, text: '<= +20 ms' },
  { section: 'stores', case: 'cuti claude print-key', accounts: 10000, stat: 'diffMs', limit: 20, inclusive: true, text: '<= +20 ms' },
];

/** A stat of the row itself (ratioToNode, ratioLow, diffMs, ...), else of its samples (median, p95, ...). */
const statOf = (row, stat) => (stat in row ? row[stat] : row.samples[stat]);

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

/** Rows with the whole spread of their samples (TUI, connection test), with the target each meets. */
function spreadTable(first, rows, section, targets) {
  return table(
    [...first, 'n', 'median ms', 'p95 ms', 'min ms', 'max ms', 'target', 'result'],
    rows.map((r) => {
      const t = targetFor(targets, section, r);
      return [r.case, accountsText(r.accounts), String(r.samples.n), fixed(r.samples.median), fixed(r.samples.p95),
        fixed(r.samples.min), fixed(r.samples.max), t?.target ?? '', verdict(t)];
    }),
  );
}

/** Pairs timed in the same rounds: A and B, B / A with its 95 % interval, and B - A (medians over rounds). */
function pairTable(rows, targets) {
  return table(
    ['A vs B, paired rounds', 'accounts', 'n', 'A', 'median ms', 'B', 'median ms', 'B / A', '95% CI', 'B - A ms', 'target', 'result'],
    rows.map((r) => {
      const t = targetFor(targets, 'stores', r);
      const diff = `${r.diffMs >= 0 ? '+' : ''}${fixed(r.diffMs)}`;
      return [r.case, accountsText(r.accounts), String(r.a.samples.n), r.a.label, fixed(r.a.samples.median), r.b.label,
        fixed(r.b.samples.median), `${fixed(r.ratio, 2)}x`, `${fixed(r.ratioLow, 2)}-${fixed(r.ratioHigh, 2)}`, diff, t?.target ?? '', verdict(t)];
    }),
  );
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
  if (results.tui.length > 0) out.push('', spreadTable(['TUI (pty, 100x30)', 'accounts'], results.tui, 'tui', targets));
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
  if (results.network?.length > 0) out.push('', spreadTable(['connection test', 'credentials'], results.network, 'network', targets));
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
  if ((results.stores ?? []).length > 0) out.push('', pairTable(results.stores, targets));
  for (const m of results.keychainMoves ?? []) {
    out.push(`keychain move (${accountsText(m.home)}-account home): ${m.secrets} secrets of ${accountsText(m.accounts)} accounts in ${fixed(m.ms / 1000, 2)} s, ${fixed(m.msPerSecret)} ms a secret` +
      (m.accounts < m.home ? `; the other accounts copy those documents (list reads no keychain)` : ''));
  }
  for (const note of results.notes) out.push(`note: ${note}`);
  const { met, measured, total } = results.summary;
  out.push('');
  out.push(`targets: ${met} of ${measured} met${measured < total ? ` (${total - measured} not measured in this run)` : ''}`);
  const failed = targets.filter((t) => t.met === false);
  for (const t of failed) out.push(`  missed: ${t.case} at ${accountsText(t.accounts)} accounts: ${t.statistic} ${fixed(t.value, 2)}, target ${t.target}`);
  return out.join('\n');
}
