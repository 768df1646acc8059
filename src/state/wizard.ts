import { providerLabel, PROVIDER_MODULES, providerModule, type NewCredential, type Provider, type WizardField } from '../domain/providers/index.js';
import { validateAccountName } from '../domain/validation.js';
import { cachedPer } from './cached-per.js';
import { shown } from '../domain/safe-text.js';

/**
 * The add-key wizard: account → provider → the provider's own fields (declared by its
 * module, so a new provider brings its steps) → summary. Pure: the store calls these
 * and keeps the state.
 */

/**
 * `account`, `name`, `provider`, `replace`, `summary`, or a provider field's step (e.g.
 * `apiKey`, `model`, `region`), or `<field>Custom` for typing a value a menu field lacks.
 */
export type WizardStep = string;

/** The answers so far, by the provider field's name (`apiKey`, `modelId`, `region`, …). */
export type WizardValues = Record<string, string>;

export interface WizardState {
  step: WizardStep;
  /** Steps taken so far, for Esc. */
  history: WizardStep[];
  account: string;
  provider: Provider | null;
  values: WizardValues;
  /** The text field of the current step. */
  input: string;
  menuIndex: number;
  error: string | null;
  warnings: string[];
  /** Where Esc on the first step returns to. */
  returnTo: 'list' | 'detail';
  /**
   * The user agreed to replace the provider's key: at the replace question, or when saving
   * found that a key had appeared elsewhere meanwhile and they pressed Enter again.
   */
  replaceAgreed: boolean;
}

export interface MenuItem {
  label: string;
  value: string;
  hint?: string;
}

// Menu values no account name or catalog entry can take (names refuse control characters).
export const NEW_ACCOUNT = '\u0000new';
export const OTHER_VALUE = '\u0000other';
export const SKIP_VALUE = '\u0000skip';
export const REPLACE_YES = 'yes';
const REPLACE_NO = 'no';

export const EMPTY_VALUES: WizardValues = {};

export interface TextStepSpec {
  title: string;
  label: string;
  /** Secrets are masked while typed. */
  secret: boolean;
  placeholder: string;
  /** A line under the field. */
  hint?: string;
  /** Validates with the same rules the CLI applies; returns the value to store. */
  validate: (value: string) => string;
}

const NAME_STEP: TextStepSpec = {
  title: 'Name the new account',
  label: 'Account name',
  secret: false,
  placeholder: 'e.g. work-api',
  hint: "An existing account's name adds the key to that account.",
  validate: (v) => {
    validateAccountName(v);
    return v;
  },
};

const CUSTOM = 'Custom';
const stepOf = (field: WizardField) => field.step ?? field.name;

/** The current provider's fields, given the answers so far (a Bedrock form changes them). */
export function fieldsOf(wizard: Pick<WizardState, 'provider' | 'values'>): WizardField[] {
  return wizard.provider ? providerModule(wizard.provider).wizardFields(wizard.values) : [];
}

/** The field a step asks for, and whether it is the typed ("Other…") form of a menu. */
function fieldAt(wizard: WizardState, step: WizardStep = wizard.step): { field: WizardField; custom: boolean } | null {
  for (const field of fieldsOf(wizard)) {
    if (stepOf(field) === step) return { field, custom: false };
    if (field.choices && `${stepOf(field)}${CUSTOM}` === step) return { field, custom: true };
  }
  return null;
}

/** The text field a step shows, or null for a menu or the summary. */
export function textStepSpec(wizard: WizardState): TextStepSpec | null {
  if (wizard.step === 'name') return NAME_STEP;
  const at = fieldAt(wizard);
  if (!at || (at.field.choices && !at.custom)) return null;
  const { field } = at;
  return {
    title: at.custom && field.customTitle ? field.customTitle : field.title,
    label: field.label,
    secret: field.secret,
    placeholder: field.placeholder,
    ...(field.hint ? { hint: field.hint } : {}),
    validate: field.validate,
  };
}

export function isMenuStep(wizard: WizardState): boolean {
  if (['account', 'provider', 'replace'].includes(wizard.step)) return true;
  const at = fieldAt(wizard);
  return at !== null && at.field.choices !== undefined && !at.custom;
}

export function menuTitle(wizard: WizardState): string {
  const fixed: Record<string, string> = {
    account: 'Add the key to which account?',
    provider: 'Which provider?',
    replace: 'Replace the existing key?',
  };
  return fixed[wizard.step] ?? fieldAt(wizard)?.field.title ?? '';
}

/** The account menu, built once per list of names: every key in that menu asks for it. */
const accountMenu = cachedPer((accountNames: readonly string[]): readonly MenuItem[] => [
  { label: '+ New account', value: NEW_ACCOUNT },
  ...accountNames.map((name) => ({ label: shown(name), value: name })),
]);

const PROVIDER_MENU: readonly MenuItem[] = PROVIDER_MODULES.map((p) => ({ label: p.choice.label, value: p.id, hint: p.choice.hint }));
const REPLACE_MENU: readonly MenuItem[] = [
  { label: 'No, keep the existing key', value: REPLACE_NO },
  { label: 'Yes, replace it', value: REPLACE_YES },
];

/** A field's menu, built once per field list. */
const fieldMenu = cachedPer((field: WizardField): readonly MenuItem[] => [
  ...(field.optional ? [{ label: 'Skip', value: SKIP_VALUE, hint: 'leave it unset' }] : []),
  ...(field.choices ?? []).map((c) => ({ label: c.label, value: c.value, ...(c.hint ? { hint: c.hint } : {}) })),
  ...(field.closed ? [] : [{ label: 'Other…', value: OTHER_VALUE, hint: `type ${field.label.toLowerCase()}` }]),
]);

/** The choices of a menu step, built from the answers so far and the accounts known. */
export function menuItems(wizard: WizardState, accountNames: readonly string[]): readonly MenuItem[] {
  switch (wizard.step) {
    case 'account':
      return accountMenu(accountNames);
    case 'provider':
      return PROVIDER_MENU;
    case 'replace':
      return REPLACE_MENU;
    default: {
      const at = fieldAt(wizard);
      return at && !at.custom && at.field.choices ? fieldMenu(at.field) : [];
    }
  }
}

export function newWizard(account: string | null, returnTo: 'list' | 'detail'): WizardState {
  return {
    step: account === null ? 'account' : 'provider',
    history: [],
    account: account ?? '',
    provider: null,
    values: { ...EMPTY_VALUES },
    input: '',
    menuIndex: 0,
    error: null,
    warnings: [],
    returnTo,
    replaceAgreed: false,
  };
}

/** The first step of a provider's fields. */
export function firstFieldStep(wizard: Pick<WizardState, 'provider' | 'values'>): WizardStep {
  const first = fieldsOf(wizard)[0];
  return first ? stepOf(first) : 'summary';
}

/** The step after a field, once its answer is in (the list may have changed with it). */
function stepAfter(wizard: WizardState, field: WizardField): WizardStep {
  const fields = fieldsOf(wizard);
  const index = fields.findIndex((f) => f.name === field.name);
  const next = fields[index + 1];
  return next ? stepOf(next) : 'summary';
}

/** Input and menu position shown when (re-)entering a step. */
export function enterStep(wizard: WizardState, step: WizardStep, accountNames: readonly string[]): WizardState {
  const entered = { ...wizard, step };
  const at = fieldAt(entered);
  const current = at ? (wizard.values[at.field.name] ?? '') : '';
  let input = step === 'name' ? wizard.account : current;
  let menuIndex = 0;
  if (isMenuStep(entered)) {
    const items = menuItems(entered, accountNames);
    const wanted = step === 'account' ? wizard.account : step === 'provider' ? (wizard.provider ?? '') : current;
    const found = items.findIndex((item) => item.value === wanted);
    // A typed value brings back "Other…".
    const other = items.findIndex((item) => item.value === OTHER_VALUE);
    menuIndex = found >= 0 ? found : wanted !== '' && other >= 0 ? other : 0;
    input = '';
  }
  if (at?.custom && (at.field.choices ?? []).some((c) => c.value === current)) input = '';
  return { ...entered, input, menuIndex, error: null };
}

/** What answering the current step leads to; the store carries it out. */
export type WizardOutcome =
  | { kind: 'error'; wizard: WizardState; error: unknown }
  | { kind: 'goto'; wizard: WizardState; step: WizardStep }
  | { kind: 'summary'; wizard: WizardState }
  | { kind: 'back' }
  | { kind: 'none' };

/**
 * Answers every step but `provider` (which asks storage whether the account holds that
 * provider already) and `summary` (which saves): pure.
 */
export function answerStep(wizard: WizardState, accountNames: readonly string[]): WizardOutcome {
  const { step } = wizard;
  if (step === 'name') {
    try {
      return { kind: 'goto', wizard: { ...wizard, account: NAME_STEP.validate(wizard.input) }, step: 'provider' };
    } catch (error) {
      return { kind: 'error', wizard, error };
    }
  }
  if (step === 'account' || step === 'replace') {
    const item = menuItems(wizard, accountNames)[wizard.menuIndex];
    if (!item) return { kind: 'none' };
    if (step === 'account') {
      return item.value === NEW_ACCOUNT
        ? { kind: 'goto', wizard: { ...wizard, account: '' }, step: 'name' }
        : { kind: 'goto', wizard: { ...wizard, account: item.value }, step: 'provider' };
    }
    return item.value === REPLACE_YES && wizard.provider ? { kind: 'goto', wizard, step: firstFieldStep(wizard) } : { kind: 'back' };
  }
  const at = fieldAt(wizard);
  if (!at) return { kind: 'none' };
  const { field } = at;
  let value: string;
  if (field.choices && !at.custom) {
    const item = menuItems(wizard, accountNames)[wizard.menuIndex];
    if (!item) return { kind: 'none' };
    if (item.value === OTHER_VALUE) return { kind: 'goto', wizard, step: `${stepOf(field)}${CUSTOM}` };
    value = item.value === SKIP_VALUE ? '' : item.value;
  } else {
    try {
      value = field.optional && wizard.input === '' ? '' : field.validate(wizard.input);
    } catch (error) {
      return { kind: 'error', wizard, error };
    }
  }
  const updated = { ...wizard, values: { ...wizard.values, [field.name]: value } };
  const next = stepAfter(updated, field);
  return next === 'summary' ? { kind: 'summary', wizard: updated } : { kind: 'goto', wizard: updated, step: next };
}

/** The credential the answers describe, for validation and saving: only the current form's fields. */
export function credentialOf(wizard: WizardState): NewCredential {
  const credential: NewCredential = { provider: wizard.provider ?? '' };
  for (const field of fieldsOf(wizard)) {
    const value = wizard.values[field.name];
    if (value !== undefined && value !== '') credential[field.name] = value;
  }
  return credential;
}

export function providerTitle(provider: Provider | null): string {
  return provider ? `${providerLabel(provider)} (${provider})` : '';
}

/** What the summary lists: every answer, secrets masked as show-api-key masks them. */
export function summaryLines(wizard: WizardState): Array<[string, string]> {
  const { provider: _provider, ...values } = credentialOf(wizard);
  const lines: Array<[string, string]> = [
    ['Account', shown(wizard.account)],
    ['Provider', providerTitle(wizard.provider)],
  ];
  if (!wizard.provider) return lines;
  return [...lines, ...providerModule(wizard.provider).summary(values).map(([label, value]): [string, string] => [label, shown(value)])];
}

/** "Step 3 of 7": the position among the steps this provider needs. */
export function stepNumber(wizard: WizardState): { index: number; total: number } {
  const order: WizardStep[] = ['account', 'provider', ...fieldsOf(wizard).map(stepOf), 'summary'];
  const at = fieldAt(wizard);
  const canonical = wizard.step === 'name' ? 'account' : wizard.step === 'replace' ? 'provider' : at ? stepOf(at.field) : wizard.step;
  const index = order.indexOf(canonical);
  return { index: index + 1, total: wizard.provider ? order.length : 4 };
}
