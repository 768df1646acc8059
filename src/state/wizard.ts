import { BEDROCK_MODELS, BEDROCK_REGIONS } from '../domain/bedrock-catalog.js';
import { sanitizeForDisplay } from '../domain/sanitize.js';
import { PROVIDER_LABEL, type NewCredential, type Provider } from '../domain/types.js';
import { validateAccountName, validateValue } from '../domain/validation.js';
import { cachedPer } from './cached-per.js';

/** The add-key wizard's steps; which come next depends on the answers so far. */
export type WizardStep =
  | 'account'
  | 'name'
  | 'provider'
  | 'replace'
  | 'apiKey'
  | 'model'
  | 'modelCustom'
  | 'region'
  | 'regionCustom'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'summary';

export interface WizardValues {
  apiKey: string;
  modelId: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

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
}

export interface MenuItem {
  label: string;
  value: string;
  hint?: string;
}

// Menu values no account name or catalog entry can take (names refuse control characters).
export const NEW_ACCOUNT = '\u0000new';
export const OTHER_VALUE = '\u0000other';
export const REPLACE_YES = 'yes';
const REPLACE_NO = 'no';

export const EMPTY_VALUES: WizardValues = { apiKey: '', modelId: '', region: '', accessKeyId: '', secretAccessKey: '' };

export type TextStep = 'name' | 'apiKey' | 'modelCustom' | 'regionCustom' | 'accessKeyId' | 'secretAccessKey';

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

export const TEXT_STEPS: Record<TextStep, TextStepSpec> = {
  name: {
    title: 'Name the new account',
    label: 'Account name',
    secret: false,
    placeholder: 'e.g. work-api',
    hint: "An existing account's name adds the key to that account.",
    validate: (v) => {
      validateAccountName(v);
      return v;
    },
  },
  apiKey: {
    title: 'Anthropic API key',
    label: 'API key',
    secret: true,
    placeholder: 'sk-ant-api03-…',
    hint: 'Hidden while you type; pasting works.',
    validate: (v) => validateValue('API key', v),
  },
  modelCustom: {
    title: 'Bedrock model id',
    label: 'Model ID',
    secret: false,
    placeholder: 'anthropic.claude-…',
    validate: (v) => validateValue('Model ID', v),
  },
  regionCustom: {
    title: 'AWS region',
    label: 'Region',
    secret: false,
    placeholder: 'e.g. us-east-1',
    validate: (v) => validateValue('Region', v),
  },
  accessKeyId: {
    title: 'AWS access key ID',
    label: 'Access key ID',
    secret: true,
    placeholder: 'AKIA…',
    hint: 'Hidden while you type; pasting works.',
    validate: (v) => validateValue('Access key ID', v),
  },
  secretAccessKey: {
    title: 'AWS secret access key',
    label: 'Secret access key',
    secret: true,
    placeholder: '',
    hint: 'Hidden while you type; pasting works.',
    validate: (v) => validateValue('Secret access key', v),
  },
};

export function isTextStep(step: WizardStep): step is TextStep {
  return step in TEXT_STEPS;
}

export function isMenuStep(step: WizardStep): boolean {
  return step === 'account' || step === 'provider' || step === 'replace' || step === 'model' || step === 'region';
}

export const MENU_TITLES: Partial<Record<WizardStep, string>> = {
  account: 'Add the key to which account?',
  provider: 'Which provider?',
  replace: 'Replace the existing key?',
  model: 'Bedrock model',
  region: 'AWS region',
};

/** The account menu, built once per list of names: every key in that menu asks for it. */
const accountMenu = cachedPer((accountNames: readonly string[]): readonly MenuItem[] => [
  { label: '+ New account', value: NEW_ACCOUNT },
  ...accountNames.map((name) => ({ label: sanitizeForDisplay(name), value: name })),
]);

/** The choices of a menu step, built from the answers so far and the accounts known. */
export function menuItems(wizard: WizardState, accountNames: readonly string[]): readonly MenuItem[] {
  switch (wizard.step) {
    case 'account':
      return accountMenu(accountNames);
    case 'provider':
      return [
        { label: 'Anthropic API', value: 'anthropic', hint: 'an sk-ant- key from console.anthropic.com' },
        { label: 'AWS Bedrock', value: 'bedrock', hint: 'model id, region and AWS access keys' },
      ];
    case 'replace':
      return [
        { label: 'No, keep the existing key', value: REPLACE_NO },
        { label: 'Yes, replace it', value: REPLACE_YES },
      ];
    case 'model':
      return [
        ...BEDROCK_MODELS.map((m) => ({ label: m.id, value: m.id, hint: m.label })),
        { label: 'Other…', value: OTHER_VALUE, hint: 'type a model id or inference profile ARN' },
      ];
    case 'region':
      return [
        ...BEDROCK_REGIONS.map((r) => ({ label: r.id, value: r.id, hint: r.label })),
        { label: 'Other…', value: OTHER_VALUE, hint: 'type a region' },
      ];
    default:
      return [];
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
  };
}

export function firstFieldStep(provider: Provider): WizardStep {
  return provider === 'anthropic' ? 'apiKey' : 'model';
}

/** Which stored value a text or menu step edits, so Esc can bring the answer back. */
type ValueStep = Exclude<TextStep, 'name'> | 'model' | 'region';
const VALUE_OF_STEP: Record<ValueStep, keyof WizardValues> = {
  apiKey: 'apiKey',
  model: 'modelId',
  modelCustom: 'modelId',
  region: 'region',
  regionCustom: 'region',
  accessKeyId: 'accessKeyId',
  secretAccessKey: 'secretAccessKey',
};

function isValueStep(step: WizardStep): step is ValueStep {
  return step in VALUE_OF_STEP;
}

/** The stored value a step's answer fills in (shared by submitting and by Esc). */
export function valueKeyOf(step: ValueStep): keyof WizardValues {
  return VALUE_OF_STEP[step];
}

/** Input and menu position shown when (re-)entering a step. */
export function enterStep(wizard: WizardState, step: WizardStep, accountNames: readonly string[]): WizardState {
  const key = isValueStep(step) ? VALUE_OF_STEP[step] : undefined;
  const current = key ? wizard.values[key] : '';
  let input = step === 'name' ? wizard.account : current;
  let menuIndex = 0;
  if (isMenuStep(step)) {
    const items = menuItems({ ...wizard, step }, accountNames);
    const wanted = step === 'account' ? wizard.account : step === 'provider' ? (wizard.provider ?? '') : current;
    const found = items.findIndex((item) => item.value === wanted);
    // A typed model id or region brings back "Other…".
    menuIndex = found >= 0 ? found : wanted !== '' && (step === 'model' || step === 'region') ? items.length - 1 : 0;
    input = '';
  }
  if ((step === 'modelCustom' || step === 'regionCustom') && isCatalogValue(step, current)) input = '';
  return { ...wizard, step, input, menuIndex, error: null };
}

function isCatalogValue(step: WizardStep, value: string): boolean {
  const list = step === 'modelCustom' ? BEDROCK_MODELS : BEDROCK_REGIONS;
  return list.some((entry) => entry.id === value);
}

/** The credential the answers describe, for validation and saving. */
export function credentialOf(wizard: WizardState): NewCredential {
  if (wizard.provider === 'anthropic') return { provider: 'anthropic', apiKey: wizard.values.apiKey };
  const { modelId, region, accessKeyId, secretAccessKey } = wizard.values;
  return { provider: 'bedrock', modelId, region, accessKeyId, secretAccessKey };
}

export function providerTitle(provider: Provider | null): string {
  return provider ? `${PROVIDER_LABEL[provider]} (${provider})` : '';
}

/** "Step 3 of 7": the position among the steps this provider needs. */
export function stepNumber(wizard: WizardState): { index: number; total: number } {
  const order: WizardStep[] =
    wizard.provider === 'bedrock'
      ? ['account', 'provider', 'model', 'region', 'accessKeyId', 'secretAccessKey', 'summary']
      : ['account', 'provider', 'apiKey', 'summary'];
  const canonical: Partial<Record<WizardStep, WizardStep>> = {
    name: 'account',
    replace: 'provider',
    modelCustom: 'model',
    regionCustom: 'region',
  };
  const index = order.indexOf(canonical[wizard.step] ?? wizard.step);
  return { index: index + 1, total: order.length };
}
