import { describe, expect, it } from 'vitest';

import { textWidth } from '../../src/domain/text-width.js';
import { headerLine, type HeaderFacts } from '../../src/ui/header-layout.js';

const text = (facts: HeaderFacts, width: number) => {
  const line = headerLine(facts, width);
  return { left: line.left.brand + line.left.subtitle + line.left.title, right: line.right };
};
const facts: HeaderFacts = { title: 'Accounts', secretStore: 'keychain', count: 12, active: 'work-api' };

describe('the header at every width', () => {
  it('says everything when there is room', () => {
    expect(text(facts, 200)).toEqual({ left: ' cuti · Claude credentials · Accounts', right: 'secrets: keychain · 12 accounts · active: work-api ' });
  });

  it('drops whole parts, least useful first, instead of cutting words', () => {
    expect(text(facts, 68)).toEqual({ left: ' cuti · Accounts', right: 'secrets: keychain · 12 accounts · active: work-api ' });
    expect(text(facts, 50)).toEqual({ left: ' cuti · Accounts', right: '12 accounts · active: work-api ' });
    expect(text({ ...facts, active: null }, 49)).toEqual({ left: ' cuti · Accounts', right: 'secrets: keychain · 12 accounts ' });
  });

  it('cuts a long active name last, and never overflows', () => {
    const long = { ...facts, active: 'a-very-long-account-name-that-goes-on-and-on' };
    expect(text(long, 56).right).toMatch(/^12 accounts · active: a-very-long.*… $/);
    for (let width = 20; width <= 200; width++) {
      for (const f of [facts, long, { ...facts, active: '名前が長いアカウント名前が長いアカウント' }, { ...facts, secretStore: null, active: null }]) {
        const { left, right } = text(f, width);
        if (width >= 40) expect(textWidth(left) + 1 + textWidth(right), `${width}: ${left}|${right}`).toBeLessThanOrEqual(width);
        expect(right).toContain(`${f.count} accounts`);
      }
    }
  });

  it('shows a hostile active name inert', () => {
    expect(text({ ...facts, active: 'evil\x1b]52;c;AAAA\x07' }, 200).right).not.toContain('\x1b');
  });
});
