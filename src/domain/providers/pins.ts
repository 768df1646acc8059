import { ValidationError } from '../errors.js';
import { looksLikePastedSecret } from '../redact.js';
import { validateValue } from '../validation.js';
import { plainField, stored } from './fields.js';
import type { Choice, CredentialValues, EnvVars, ProviderEntry, WizardField } from './types.js';

/**
 * Model pins an account may carry whatever its provider: the primary model
 * (ANTHROPIC_MODEL) and the Haiku-class model Claude Code uses for background work
 * (ANTHROPIC_DEFAULT_HAIKU_MODEL). Not secrets: shown unmasked everywhere.
 */

/** Every model variable a hand-over clears, so one account's pins never reach another's provider. */
export const MODEL_VARS = [
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
] as const;

export const PIN_OPTIONS = [
  { flags: '--model <id>', description: 'pin the primary model (ANTHROPIC_MODEL)' },
  { flags: '--haiku-model <id>', description: 'pin the Haiku-class background model (ANTHROPIC_DEFAULT_HAIKU_MODEL)' },
] as const;

const optionalText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The pins given as options. */
export function pinsFromCli(options: Record<string, unknown>): CredentialValues {
  return { model: optionalText(options.model), haikuModel: optionalText(options.haikuModel) };
}

/**
 * A model id is shown unmasked everywhere and written into Claude Code's settings, so a
 * key pasted into a model field by mistake is refused, never stored in the clear.
 */
export function validateModelId(label: string, value: string | undefined): string {
  const id = validateValue(label, value);
  if (looksLikePastedSecret(id)) throw new ValidationError(`${label} looks like a credential; give the model id`);
  return id;
}

function optionalValue(label: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return validateModelId(label, value);
}

export function validatePins(values: CredentialValues): CredentialValues {
  return {
    model: optionalValue('Model', values.model),
    haikuModel: optionalValue('Haiku model', values.haikuModel),
  };
}

/** The pins' on-disk keys (`modelKey` is `model_id` for Bedrock, as the spec names it). */
export function pinEntry(values: CredentialValues, modelKey = 'model'): Record<string, string> {
  const entry: Record<string, string> = {};
  if (values.model !== undefined) entry[modelKey] = values.model;
  if (values.haikuModel !== undefined) entry.haiku_model = values.haikuModel;
  return entry;
}

export function pinFields(entry: ProviderEntry, modelKey = 'model', modelLabel = 'Model') {
  const fields = [];
  if (typeof entry[modelKey] === 'string') fields.push(plainField(modelLabel, stored(entry, modelKey)));
  if (typeof entry.haiku_model === 'string') fields.push(plainField('Haiku Model', stored(entry, 'haiku_model')));
  return fields;
}

export function pinEnv(entry: ProviderEntry, modelKey = 'model'): EnvVars {
  const vars: EnvVars = [];
  const model = stored(entry, modelKey);
  const haiku = stored(entry, 'haiku_model');
  if (model !== '') vars.push(['ANTHROPIC_MODEL', model]);
  if (haiku !== '') vars.push(['ANTHROPIC_DEFAULT_HAIKU_MODEL', haiku]);
  return vars;
}

export function pinSummary(values: CredentialValues, modelLabel = 'Model'): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  if (values.model) lines.push([modelLabel, values.model]);
  if (values.haikuModel) lines.push(['Haiku Model', values.haikuModel]);
  return lines;
}

/** A value given twice under two flags (the model id as --api-key and --model). */
export function once(label: string, a: string | undefined, b: string | undefined): string | undefined {
  if (a !== undefined && b !== undefined && a !== b) throw new ValidationError(`${label} given twice; give it once`);
  return a ?? b;
}

const optionalModel = (label: string) => (v: string) => (v === '' ? '' : validateModelId(label, v));

/**
 * The wizard's optional pin steps: the primary model (unless the provider asks for its
 * model already, as Bedrock does) and the Haiku-class model, each skipped with Enter.
 * With `choices`, a menu of known ids (Skip first) with "Other…" to type one.
 */
export function pinWizardFields(options: { primary: boolean; choices?: readonly Choice[] }): WizardField[] {
  const menu = options.choices ? { choices: options.choices } : {};
  const fields: WizardField[] = [];
  if (options.primary) {
    fields.push({
      name: 'model',
      title: 'Primary model (optional)',
      customTitle: 'Primary model id',
      label: 'Model',
      secret: false,
      optional: true,
      placeholder: "Enter for Claude Code's default",
      hint: 'Pinned as ANTHROPIC_MODEL.',
      ...menu,
      validate: optionalModel('Model'),
    });
  }
  fields.push({
    name: 'haikuModel',
    step: 'haikuModel',
    title: 'Haiku-class model for background work (optional)',
    customTitle: 'Haiku-class model id',
    label: 'Haiku model',
    secret: false,
    optional: true,
    placeholder: "Enter for Claude Code's default",
    hint: 'Pinned as ANTHROPIC_DEFAULT_HAIKU_MODEL.',
    ...menu,
    validate: optionalModel('Haiku model'),
  });
  return fields;
}
