import { readFileSync } from 'node:fs';

import { ValidationError } from '../domain/errors.js';
import type { CredentialValues, ProviderModule } from '../domain/providers/index.js';
import { shown } from '../domain/safe-text.js';

/**
 * Files a credential names for Claude Code to read (a Vertex service-account key):
 * checked when the credential is added, so a typo is one clear line then rather than
 * a failed Claude Code start later. Only their shape is looked at; nothing of them is
 * kept or shown.
 */
export function checkCredentialFiles(module: ProviderModule, values: CredentialValues): void {
  for (const name of module.fileInputs ?? []) {
    const path = values[name];
    if (path === undefined || path === '') continue;
    const display = shown(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new ValidationError(`Credentials file ${display} cannot be read (${code})`);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      throw new ValidationError(`Credentials file ${display} is not JSON`);
    }
    if (!doc || typeof doc !== 'object' || typeof (doc as { type?: unknown }).type !== 'string') {
      throw new ValidationError(`Credentials file ${display} is not a Google credentials file (it has no "type")`);
    }
  }
}
