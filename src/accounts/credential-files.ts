import { closeSync, openSync, readSync } from 'node:fs';

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
      text = readBounded(path, display);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
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

/** A service-account key is a few KB; 1 MB is far beyond any. */
const MAX_CREDENTIALS_FILE_BYTES = 1024 * 1024;

/**
 * The file's text, read up to the bound: a device (/dev/zero), a pipe or a huge file is
 * refused instead of read until memory runs out. Read in a loop rather than sized by
 * fstat, because pipes and devices report no size.
 */
function readBounded(path: string, display: string): string {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_CREDENTIALS_FILE_BYTES) {
        throw new ValidationError(`Credentials file ${display} is over ${MAX_CREDENTIALS_FILE_BYTES / 2 ** 20} MB; no key file is that large`);
      }
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
