import { shown } from '../domain/safe-text.js';
import { textWidth, truncate } from '../domain/text-width.js';

export interface HeaderFacts {
  title: string;
  secretStore: string | null;
  count: number;
  active: string | null;
}

export interface HeaderLine {
  left: { brand: string; subtitle: string; title: string };
  right: string;
}

const BRAND = ' cuti';
const SUBTITLE = ' · Claude credentials · ';
const SHORT_SUBTITLE = ' · ';

/**
 * The header's two halves for `width` columns. Parts are dropped whole, least useful first
 * (the tagline, the store, the active name), rather than cut in the middle of a word: at 40
 * columns the header reads ` cuti · Account   2 accounts`, not `cuti · Claude credent…ile`.
 * The active name is cut last, with an ellipsis, because it is the one part that can be long.
 */
export function headerLine(facts: HeaderFacts, width: number): HeaderLine {
  const count = `${facts.count} account${facts.count === 1 ? '' : 's'}`;
  const store = facts.secretStore === null ? null : `secrets: ${facts.secretStore}`;
  const active = facts.active === null ? null : shown(facts.active);
  const fits = (left: string, right: string) => textWidth(left) + 1 + textWidth(right) <= width;
  const right = (parts: (string | null)[]) => `${parts.filter((p) => p !== null).join(' · ')} `;

  const candidates: [string, (string | null)[]][] = [
    [SUBTITLE, [store, count, active === null ? null : `active: ${active}`]],
    [SHORT_SUBTITLE, [store, count, active === null ? null : `active: ${active}`]],
    [SHORT_SUBTITLE, [count, active === null ? null : `active: ${active}`]],
  ];
  for (const [subtitle, parts] of candidates) {
    const left = `${BRAND}${subtitle}${facts.title}`;
    if (fits(left, right(parts))) return { left: { brand: BRAND, subtitle, title: facts.title }, right: right(parts) };
  }
  // Narrower still: keep the count and as much of the active name as fits, then only the count.
  const left = `${BRAND}${SHORT_SUBTITLE}${facts.title}`;
  if (active !== null) {
    const room = width - textWidth(left) - 1 - textWidth(`${count} · active:  `);
    if (room >= 4) return { left: { brand: BRAND, subtitle: SHORT_SUBTITLE, title: facts.title }, right: right([count, `active: ${truncate(active, room)}`]) };
  }
  return { left: { brand: BRAND, subtitle: SHORT_SUBTITLE, title: facts.title }, right: right([count]) };
}
