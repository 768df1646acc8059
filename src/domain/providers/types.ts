/** One line of a credential as people see it: label, value, and whether it is secret. */
export interface CredentialField {
  label: string;
  value: string;
  /** What to show while the secret is hidden; equal to `value` for non-secrets. */
  masked: string;
  secret: boolean;
}

/**
 * What a provider module declares: everything cuti needs to store, show, validate and
 * hand over one kind of credential. The CLI, the TUI, `env`, `exec`, `status` and
 * completion read these declarations instead of branching on provider names, so a new
 * provider is one module beside the others (plus its tests) and a line in `index.ts`.
 */

/** Ordered name/value pairs, in the order they are printed. */
export type EnvVars = Array<[name: string, value: string]>;

/** One entry of `.api_keys.json`, as another tool may also have written it. */
export interface ProviderEntry {
  provider?: string;
  created?: string;
  [field: string]: unknown;
}

/** A credential's values as typed (flags, stdin, the wizard), keyed by input name. */
export type CredentialValues = Record<string, string | undefined>;

/** What `add-api-key`, the TUI wizard and the service pass around before it is stored. */
export type NewCredential = { provider: string } & CredentialValues;

/** One value a provider takes from the command line. */
export interface CliInput {
  /** Key in CredentialValues. */
  name: string;
  /** The option it comes from, e.g. `--api-key`. */
  flag: string;
  /** How prompts and errors name it. */
  label: string;
  /** A secret: masked, readable from stdin (`-`), an env variable or a hidden prompt; warned about in argv. */
  secret: boolean;
  /** `--api-key-env`-style option naming an environment variable to read it from. */
  envFlag?: string;
  /** Ask on a terminal when it was not given (only once the other fields are there). */
  promptWhenAbsent?: boolean;
  /** Missing altogether is a usage error (exit 2), as commander reports a required option. */
  required?: boolean;
}

/** A choice in a wizard menu or a catalog of known values. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** One step of the TUI wizard for a provider. */
export interface WizardField {
  /** Key in CredentialValues. */
  name: string;
  /** The wizard step's id, when it differs from `name` (Bedrock's model menu is `model`). */
  step?: string;
  title: string;
  label: string;
  secret: boolean;
  placeholder: string;
  hint?: string;
  /** A menu of known values (with "Other…" to type one); absent for a plain text field. */
  choices?: readonly Choice[];
  /** The title of the typed form of a menu field ("Other…"), when it differs. */
  customTitle?: string;
  /** A menu of these choices only, without "Other…". */
  closed?: boolean;
  /** May be left empty (Enter on an empty field skips it). */
  optional?: boolean;
  /** Validates one answer with the rules the CLI applies; returns the value to keep. */
  validate: (value: string) => string;
}

export interface ProviderModule {
  /** The key in `.api_keys.json` and the value of `--provider`. */
  id: string;
  /** `Anthropic`, `Bedrock`: panel titles (`<label> API Key`) and list types (`API (<label>)`). */
  label: string;
  /** `credential_type` in accounts.json, where the original tool records an account's provider. */
  credentialType: string;
  /** The variable that switches Claude Code to this provider, and how `status` names it (cloud providers). */
  cloudSwitch?: { variable: string; label: string };
  /** How the wizard's provider menu offers it. */
  choice: { label: string; hint: string };
  /** The options of `add-api-key` this provider reads, beyond the shared ones. */
  cliOptions: ReadonlyArray<{ flags: string; description: string }>;
  /** The values this invocation needs, given the options given (a form may be chosen by flag). */
  cliInputs(options: Record<string, unknown>): CliInput[];
  /**
   * Turns flags and resolved inputs into the credential's values; refuses combinations
   * that make no sense (two forms at once) with a ValidationError.
   */
  fromCli(options: Record<string, unknown>, inputs: CredentialValues): CredentialValues;
  /** Checks every value (throws a ValidationError, never quoting a secret); returns cleaned values and warnings. */
  validate(values: CredentialValues): { values: CredentialValues; warnings: string[] };
  /** The on-disk form, byte-compatible with the original tool where it knows the provider. */
  toEntry(values: CredentialValues, created: string): ProviderEntry;
  /**
   * The entry's keys whose values are secrets, and their masks: every one goes through
   * the SecretStore (file or keychain), whatever form the entry has.
   */
  secretKeys: ReadonlyArray<{ key: string; mask: (value: string) => string }>;
  /** The fields `show-api-key`, `info` and the TUI show, in order, secrets with their masks. */
  fields(entry: ProviderEntry): CredentialField[];
  /** The environment Claude Code needs from this entry. */
  env(entry: ProviderEntry): EnvVars;
  /** Every variable this provider may set: cleared when another credential is handed over. */
  envVars: readonly string[];
  /**
   * Inherited variables that would override this provider's own when it is handed over
   * (cleared for it by `env` and `exec`, and warned about by `status`).
   */
  conflictingVars?: readonly string[];
  /** Values that name a file Claude Code will read: checked readable when the credential is added. */
  fileInputs?: readonly string[];
  /** Masks for the secret variables among them (tables show values through these). */
  secretVars: Readonly<Record<string, (value: string) => string>>;
  /** The variable whose value identifies this entry when exported in a shell (status), if any. */
  fingerprint(entry: ProviderEntry): { variable: string; value: string } | null;
  /**
   * For `use --claude-code`: the setting through which Claude Code fetches this entry's
   * secrets by running a cuti command, and the variables it stands for; absent or null
   * when there is none (those secrets are then never written to settings). Throws when
   * the entry's form cannot be handed over through settings at all.
   */
  settingsHelper?(entry: ProviderEntry): { key: 'apiKeyHelper' | 'awsCredentialExport'; covers: readonly string[] } | null;
  /** The wizard's steps after the provider is chosen, given the answers so far (a form may change them). */
  wizardFields(values: CredentialValues): WizardField[];
  /** What the wizard's summary lists, secrets masked. */
  summary(values: CredentialValues): Array<[label: string, value: string]>;
}
