import { CLAUDE_CREDENTIAL_VARS, SECRET_VARS, STEERING_VARS, steeringVarsIn, type CredentialSource, type EnvVars } from './claude-env.js';
import { CutiError } from './errors.js';
import { shown } from './safe-text.js';

/**
 * How `exec` hands a credential to Claude Code so that Claude Code uses exactly that
 * one, given the settings files it also reads. Pure: the caller reads the files.
 *
 * - An Anthropic key given to `claude` goes through an `apiKeyHelper` in `--settings`
 *   (command-line settings), not ANTHROPIC_API_KEY: Claude Code asks "Do you want to
 *   use this API key?" about an exported key (and remembers a No), never about a helper.
 * - A settings file's `env` block overrides the environment. Claude Code's documented
 *   precedence puts command-line settings above user, project and local settings, and
 *   an empty value cancels a variable, so `--settings` also cancels each such variable
 *   (or, for a non-secret one the account sets, sets the account's value). Managed
 *   settings outrank the command line: then exec refuses, naming the file. A secret the
 *   account sets cannot go on the command line (ps shows it): also refused.
 */

export type SettingsScope = 'managed' | 'local' | 'project' | 'user';

export interface SettingsSource {
  scope: SettingsScope;
  path: string;
  env: Record<string, string>;
  apiKeyHelper: string | null;
}

export interface HandOffPlan {
  /** The variables to put into the child's environment. */
  vars: EnvVars;
  /** Variables to clear first, beyond the credential's own list. */
  alsoClear: string[];
  /** The `--settings` JSON to put before the command's own arguments, or null. */
  settings: string | null;
  /** One line each: what a settings file would still do to a command that is not `claude`. */
  warnings: string[];
}

/** True when the command exec runs is Claude Code itself (by the program's file name). */
export function isClaudeCommand(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base === 'claude' || base === 'claude.exe';
}

/** Variables that, set in a settings file, would change which credential is used or where it goes. */
function overridingVars(env: Record<string, string>): string[] {
  const relevant = new Set<string>([...CLAUDE_CREDENTIAL_VARS, ...STEERING_VARS, ...steeringVarsIn(env)]);
  return Object.keys(env).filter((name) => relevant.has(name));
}

function refusal(source: SettingsSource, what: string): CutiError {
  return new CutiError(
    'settings_override',
    `${shown(source.path)} (${source.scope} settings) ${what}, which Claude Code would use instead of the account's credential; refusing`,
    { hint: `Remove it from that file, or run Claude Code without cuti` },
  );
}

export function planHandOff(input: {
  source: CredentialSource;
  vars: EnvVars;
  /** The command is `claude`, and it takes no `--settings` of its own. */
  claude: boolean;
  /** The apiKeyHelper command for the account's Anthropic key. */
  helperCommand: string;
  settings: SettingsSource[];
}): HandOffPlan {
  const { source, claude } = input;
  const warnings: string[] = [];
  const useHelper = claude && source === 'anthropic';
  // The key goes through the helper, so Claude Code never sees it as an exported key.
  const vars = useHelper ? input.vars.filter(([name]) => name !== 'ANTHROPIC_API_KEY') : input.vars;
  const own = new Map(vars);
  const cancel: Record<string, string> = {};
  for (const file of input.settings) {
    for (const name of overridingVars(file.env)) {
      if (!claude) {
        // The same value as the account's (a `use --claude-code` of this very account) changes nothing.
        if (file.env[name] === own.get(name)) continue;
        warnings.push(`${shown(file.path)} sets ${name} in its env block: Claude Code would use it instead of the account's credential`);
        continue;
      }
      if (file.scope === 'managed') throw refusal(file, `sets ${name} in its env block`);
      const value = own.get(name);
      if (value !== undefined && SECRET_VARS.has(name)) throw refusal(file, `sets ${name} in its env block`);
      cancel[name] = value ?? '';
    }
    if (claude && useHelper && file.scope === 'managed' && file.apiKeyHelper !== null) throw refusal(file, 'sets apiKeyHelper');
  }
  if (!claude) return { vars, alsoClear: [], settings: null, warnings };
  const settings: Record<string, unknown> = {};
  if (useHelper) settings.apiKeyHelper = input.helperCommand;
  if (Object.keys(cancel).length > 0) settings.env = cancel;
  return {
    vars,
    alsoClear: useHelper ? ['ANTHROPIC_API_KEY'] : [],
    settings: Object.keys(settings).length > 0 ? JSON.stringify(settings) : null,
    warnings,
  };
}
