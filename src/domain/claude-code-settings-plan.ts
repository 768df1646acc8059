import { isCutiAwsExport, isCutiKeyHelper } from './auth-precedence.js';
import { SECRET_VARS } from './claude-env.js';
import { CLAUDE_CREDENTIAL_VARS, type EnvVars } from './providers/index.js';

/**
 * What `use --claude-code` writes into Claude Code's user settings for an account, as
 * the documentation recommends for each provider: the non-secret variables in the `env`
 * block, and each secret either through a helper command Claude Code runs (an Anthropic
 * key through `apiKeyHelper`, Bedrock access keys through `awsCredentialExport`) or not
 * at all. Settings values are plain text that reaches every subprocess Claude Code
 * starts, so a secret never goes there. Pure: the caller reads the file and writes the
 * edits.
 */

export type SettingsEdit = { path: string[]; value: string | undefined };

/** A helper command Claude Code runs to fetch secrets, and the variables it stands for. */
export interface SettingsHelper {
  key: 'apiKeyHelper' | 'awsCredentialExport';
  command: string;
  covers: readonly string[];
}

/** What the user settings hold now, of what a hand-over changes. */
export interface CurrentSettings {
  env: Record<string, string>;
  apiKeyHelper: string | null;
  awsCredentialExport: string | null;
}

export interface SettingsPlan {
  /** Every change, in one text edit: values set, and `undefined` for a property removed; empty when all is in place. */
  edits: SettingsEdit[];
  /** The variables written to the env block (none secret). */
  written: EnvVars;
  /** Variables of earlier hand-overs (other providers, other pins) taken out of the env block. */
  removed: string[];
  /** The helper set, if any. */
  helper: SettingsHelper | null;
  /** Another command the helper setting held before (kept in the backup), if any. */
  replaced: string | null;
  /** Secret variables no settings route can carry: handed over another way (exec, env). */
  withheld: string[];
}

/**
 * The edits that point Claude Code at one account's credential. `vars` is what `exec`
 * would hand over (secrets included: only their names are used here). Every variable a
 * credential or model choice of any provider uses that is in the env block and not set
 * anew is removed, so a switch from Bedrock to Vertex leaves no CLAUDE_CODE_USE_BEDROCK
 * (and no Anthropic key a settings block would rank above the helper). cuti's own
 * helpers that this hand-over does not use are removed too: they would fetch the active
 * account's secrets for a provider it no longer uses.
 */
export function planSettingsHandOver(vars: EnvVars, helper: SettingsHelper | null, current: CurrentSettings): SettingsPlan {
  const written = vars.filter(([name]) => !SECRET_VARS.has(name));
  const withheld = vars.filter(([name]) => SECRET_VARS.has(name) && !(helper?.covers ?? []).includes(name)).map(([name]) => name);
  const setNames = new Set(written.map(([name]) => name));
  const managed = new Set(CLAUDE_CREDENTIAL_VARS);
  const removed = Object.keys(current.env).filter((name) => managed.has(name) && !setNames.has(name));
  const edits: SettingsEdit[] = [];
  if (helper !== null && current[helper.key] !== helper.command) edits.push({ path: [helper.key], value: helper.command });
  if (helper?.key !== 'apiKeyHelper' && isCutiKeyHelper(current.apiKeyHelper)) edits.push({ path: ['apiKeyHelper'], value: undefined });
  if (helper?.key !== 'awsCredentialExport' && isCutiAwsExport(current.awsCredentialExport)) edits.push({ path: ['awsCredentialExport'], value: undefined });
  for (const [name, value] of written) if (current.env[name] !== value) edits.push({ path: ['env', name], value });
  for (const name of removed) edits.push({ path: ['env', name], value: undefined });
  const before = helper === null ? null : current[helper.key];
  const replaced = before !== null && before !== helper?.command ? before : null;
  return { edits, written, removed, helper, replaced, withheld };
}
