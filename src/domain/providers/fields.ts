import { ValidationError } from '../errors.js';
import type { CredentialField, ProviderEntry } from './types.js';

export const plainField = (label: string, value: string): CredentialField => ({ label, value, masked: value, secret: false });

export const secretField = (label: string, value: string, mask: (v: string) => string): CredentialField => ({
  label,
  value,
  masked: mask(value),
  secret: true,
});

/** A stored string field, or `fallback` when it is missing or not a string. */
export function stored(entry: Record<string, unknown>, key: string, fallback = ''): string {
  const value = entry[key];
  return typeof value === 'string' ? value : fallback;
}

/** A stored field the provider cannot work without, as a string; one line naming it when it is missing. */
export function requireStored(entry: ProviderEntry, key: string, label: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value === '') throw new ValidationError(`The stored credential has no ${label}`);
  return value;
}
