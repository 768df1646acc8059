// Screens are driven through React's act() (see test/helpers/tui.tsx), which needs this flag.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
