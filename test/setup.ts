import { loadTextWidth } from '../src/domain/text-width.js';

// Screens are driven through React's act() (see test/helpers/tui.tsx), which needs this flag.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The TUI loads string-width (its one measure of text) when it starts, in src/app/run.tsx;
// screens that tests render directly need it loaded the same way.
await loadTextWidth();
