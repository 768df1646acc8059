/** A key and what it does, as the footer and the help overlay show it. */
export interface Hint {
  keys: string;
  description: string;
  /** The first to go when the footer is short (moving: the arrows are no news). */
  spare?: boolean;
}

/** A titled group of keys in the help overlay. */
export interface HelpSection {
  title: string;
  rows: readonly Hint[];
}
