import { createContext, useContext } from 'react';

/**
 * Colours by role, never by name, in components. The no-colour theme keeps bold,
 * inverse and layout, so NO_COLOR loses nothing but colour (neither Ink nor chalk
 * reads NO_COLOR: this is the app's job).
 */
export interface Theme {
  accent: string | undefined;
  muted: string | undefined;
  success: string | undefined;
  warning: string | undefined;
  error: string | undefined;
  border: string | undefined;
  key: string | undefined;
  /** Whether dim text is used for secondary text (kept under NO_COLOR: it is not a colour). */
  colorful: boolean;
}

export const COLOR_THEME: Theme = {
  accent: 'cyan',
  muted: 'gray',
  success: 'green',
  warning: 'yellow',
  error: 'red',
  border: 'gray',
  key: 'cyan',
  colorful: true,
};

export const NO_COLOR_THEME: Theme = {
  accent: undefined,
  muted: undefined,
  success: undefined,
  warning: undefined,
  error: undefined,
  border: undefined,
  key: undefined,
  colorful: false,
};

/** https://no-color.org: any non-empty NO_COLOR turns colour off. */
export function themeFor(env: NodeJS.ProcessEnv): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '' ? NO_COLOR_THEME : COLOR_THEME;
}

export const ThemeContext = createContext<Theme>(COLOR_THEME);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
