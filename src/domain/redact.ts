import { shown } from './safe-text.js';

/**
 * Values people type are echoed back in errors ("Invalid shell: x"). A key typed into
 * the wrong place (`--api-key-env "$ANTHROPIC_API_KEY"`, `-p <key>`) must not be: these
 * decide what looks like one, and what is shown instead.
 */

const CREDENTIAL_SHAPES = [
  /^sk-ant-.{8,}/i, // Anthropic API keys and Claude Code OAuth tokens (not the bare prefix, which hints name)
  /^(AKIA|ASIA)[A-Z0-9]{16}$/, // AWS access key id
  /^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9/+])[A-Za-z0-9/+]{40}$/, // AWS secret access key
  /^ABSK[A-Za-z0-9+/=]{20,}$/, // Bedrock API key (bearer token)
];

/** The shapes of the credentials cuti handles. */
export function looksLikeCredential(value: string): boolean {
  return CREDENTIAL_SHAPES.some((shape) => shape.test(value));
}

/**
 * For fields whose values are shown in the clear and handed to Claude Code (a model id, an
 * AWS profile): a credential of a known shape, or a long mixed-case token with base64's
 * '/', '+' or '=' (an AWS secret of an odd length), which model ids and profile names,
 * long as they get ('AdministratorAccess-123456789012'), do not have.
 */
export function looksLikePastedSecret(value: string): boolean {
  return looksLikeCredential(value) || (looksLikeSecret(value) && /[/+=]/.test(value));
}

/** What an error shows in place of a value that looks like a credential. */
export const HIDDEN_VALUE = '<hidden: looks like a key>';

// Long runs of letters and digits with both cases: the shape of tokens in general (keys
// of kinds cuti does not know, an AWS secret of an odd length), unlike the names,
// providers, shells and commands people mean to type. No '/' in the first: a path is not
// a token; the second is base64, which has '/' and '+' but no '.', '-' or '_'.
const LONG_TOKEN = /^[A-Za-z0-9+=_.~-]{32,}$/;
const BASE64_TOKEN = /^[A-Za-z0-9+][A-Za-z0-9+/=]{31,}$/;

export function looksLikeSecret(value: string): boolean {
  // Leading dashes: a key pasted after `--` becomes an unknown option.
  const v = value.trim().replace(/^-+/, '');
  if (looksLikeCredential(v)) return true;
  const mixed = /[a-z]/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v);
  return mixed && (LONG_TOKEN.test(v) || BASE64_TOKEN.test(v));
}

/** A typed value as an error may echo it: sanitised, or hidden when it looks like a secret. */
export function shownValue(value: string): string {
  return looksLikeSecret(value) ? HIDDEN_VALUE : shown(value);
}

/**
 * The last line of defence, for text about to be printed as an error: every word in it
 * that looks like a secret is replaced. Words are split at whitespace, quotes, `=` and
 * the punctuation messages put around values.
 */
export function redactSecrets(text: string): string {
  return text.replace(/[^\s'"`=,;()<>[\]{}]+/g, (word) => {
    // Punctuation ending a sentence ("… not set: KEY.") or an ellipsis stays as it is.
    const [, lead = '', core = '', trail = ''] = /^([.:…]*)(.*?)([.:…]*)$/s.exec(word) ?? [];
    if (looksLikeSecret(core)) return `${lead}${HIDDEN_VALUE}${trail}`;
    return redactInPath(word);
  });
}

/**
 * A path with a key in it (a key pasted after a directory, `--credentials-file
 * "$DIR/$KEY"`). A key may itself hold '/' (AWS secrets do), so the rest of the path
 * after each '/' is tried whole before each part on its own.
 */
function redactInPath(word: string): string {
  for (let slash = word.indexOf('/'); slash !== -1; slash = word.indexOf('/', slash + 1)) {
    if (looksLikeSecret(word.slice(slash + 1))) return `${word.slice(0, slash + 1)}${HIDDEN_VALUE}`;
  }
  return word.replace(/[^/]+/g, (part) => (looksLikeSecret(part) ? HIDDEN_VALUE : part));
}
