import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { renderPanel, WholeLine } from '../../src/cli/render/panel.js';
import { fitColumns, renderTable } from '../../src/cli/render/table.js';
import { safe } from '../../src/domain/safe-text.js';
import { hasUnsafeCharacters } from '../../src/domain/sanitize.js';
import { graphemes, textWidth } from '../../src/domain/text-width.js';

const NAMES = [
  'prod-api',
  'work-家族👨‍👩‍👧',
  '账户-生产环境-很长的名字-东京',
  '🚀☕⚠️ launch',
  'evil\u001b]0;owned\u0007\u001b[31m\u202etxt.exe\u061c',
  'x$(touch PWNED)`id`',
  'a'.repeat(64),
];

const rowsOf = (names: string[]) => names.map((n, i) => [n, i % 2 ? 'API (Bedrock)' : 'Max', '2025-10-01', '2025-10-01 07:24', i === 0 ? '🟢 Active' : '⚠️  No Credentials']);

/** Column positions of the box-drawing characters, measured in terminal columns. */
function borderColumns(line: string): number[] {
  const columns: number[] = [];
  let at = 0;
  for (const ch of graphemes(line)) {
    if ('│┬┼┴╭╮├┤╰╯'.includes(ch)) columns.push(at);
    at += textWidth(ch);
  }
  return columns;
}

function expectBoxFits(lines: string[], width: number | undefined) {
  const box = lines.filter((l) => /^[╭│├╰]/u.test(l));
  const first = textWidth(box[0]!);
  if (width !== undefined) for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(width);
  for (const line of box) expect(textWidth(line)).toBe(first);
  for (const line of lines) expect(hasUnsafeCharacters(line)).toBe(false);
  return box;
}

describe('renderTable', () => {
  it.each([40, 80, 200])('fits %i columns with emoji, CJK and hostile names, borders aligned', async (width) => {
    const lines = (await renderTable('Claude Accounts', ['Name', 'Type', 'Created', 'Last Used', 'Status'], rowsOf(NAMES), width)).text.split('\n');
    const box = expectBoxFits(lines, width);
    const columns = borderColumns(box[0]!);
    for (const line of box) expect(borderColumns(line)).toEqual(columns);
    // Nothing shown is lost: every name's visible characters are in the table, in order.
    const cells = box.map((l) => l.split('│')[1] ?? '').join('').replace(/\s/gu, '');
    for (const name of ['prod-api', '账户-生产环境-很长的名字-东京', 'x$(touch PWNED)`id`']) expect(cells).toContain(name.replace(/\s/gu, ''));
  });

  it('keeps its natural width when there is room, or when no width is given (a pipe)', async () => {
    const rows = rowsOf(['prod-api']);
    const natural = (await renderTable('Claude Accounts', ['Name', 'Type', 'Created', 'Last Used', 'Status'], rows)).text;
    expect((await renderTable('Claude Accounts', ['Name', 'Type', 'Created', 'Last Used', 'Status'], rows, 200)).text).toBe(natural);
    expect(textWidth(natural.split('\n')[1]!)).toBeGreaterThan(40);
  });

  it('shrinks the widest columns first, as rich does', () => {
    // Natural content widths 30, 10, 5 in 40 columns of content: the 30 gives way first.
    expect(fitColumns([30, 10, 5], 40)).toEqual([25, 10, 5]);
    expect(fitColumns([30, 28, 5], 40)).toEqual([18, 17, 5]);
    expect(fitColumns([10, 10], 100)).toEqual([10, 10]);
  });

  it('fits any width from 40 up, whatever the cells hold', async () => {
    const cell = fc.array(fc.constantFrom('a', ' ', '账', '👨‍👩‍👧', '⚠️', '☕', '-', '\u001b', 'é'), { maxLength: 30 }).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 5 }), fc.integer({ min: 40, max: 200 }), async (rows, width) => {
        const lines = (await renderTable('T', ['Name', 'Type', 'When'], rows, width)).text.split('\n');
        const box = expectBoxFits(lines, width);
        const columns = borderColumns(box[0]!);
        for (const line of box) expect(borderColumns(line)).toEqual(columns);
      }),
    );
  });
});

describe('renderPanel', () => {
  const lines = [
    safe`Name: ${NAMES[4]!}`,
    safe`Type: API (Anthropic)`,
    safe`  Created: 2026-12-01T14:27:17.597821`,
    safe`Reveal a key with: cuti claude show-api-key <account> --provider <p> --show-secret`,
    safe`Path: /home/someone/.cuti/claude-accounts/${NAMES[2]!}`,
  ];

  it.each([40, 80, 200])('fits %i columns with a hostile title, borders aligned', async (width) => {
    const out = (await renderPanel(safe`Account: ${NAMES[1]!}${NAMES[4]!}`, lines, { maxWidth: width })).text.split('\n');
    expectBoxFits(out, width);
    expect(out[0]).toMatch(/^╭─+ Account: work-家族👨‍👩‍👧.* ─+╮$/u);
  });

  it('is 80 columns wide where everything fits, as in the spec', async () => {
    const out = (await renderPanel('Anthropic API Key - prod-api', ['Provider: anthropic'], { maxWidth: 200 })).text.split('\n');
    for (const line of out) expect(textWidth(line)).toBe(80);
    expect((await renderPanel('Anthropic API Key - prod-api', ['Provider: anthropic'])).text).toBe(out.join('\n'));
  });

  it('never wraps a whole line (a revealed secret): the panel widens for it', async () => {
    const secret = `sk-ant-api03-${'x'.repeat(90)}`;
    const out = (await renderPanel('Anthropic API Key - prod-api', [new WholeLine(safe`API Key: ${secret}`), 'Provider: anthropic'], { maxWidth: 80 })).text;
    expect(out).toContain(`│ API Key: ${secret} │`);
    expectBoxFits(out.split('\n'), undefined);
  });
});
