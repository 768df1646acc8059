import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Asking the installed Claude Code itself what it will use (`claude auth status`,
 * which prints JSON and exits 0 when logged in, 1 when not). Only when a `claude` is
 * on PATH, with a deadline: status must not hang on it.
 */

export interface ClaudeAuthStatus {
  /** The command that answered. */
  command: string;
  loggedIn: boolean;
  /** e.g. api_key, api_key_helper, oauth_token, claude.ai, third_party, none. */
  authMethod: string;
  /** e.g. firstParty, bedrock, vertex, foundry, mantle, anthropicAws. */
  apiProvider: string;
  apiKeySource: string | null;
}

const DEADLINE_MS = 10_000;

export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** What `claude auth status` says in this environment, or null (not installed, no answer, not JSON). */
export function claudeAuthStatus(env: NodeJS.ProcessEnv, cwd: string): Promise<ClaudeAuthStatus | null> {
  const command = findOnPath('claude', env);
  if (command === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    const child = spawn(command, ['auth', 'status'], { env, cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('close', () => {
      clearTimeout(timer);
      try {
        const doc = JSON.parse(out) as Record<string, unknown>;
        if (typeof doc.authMethod !== 'string') {
          resolve(null);
          return;
        }
        resolve({
          command,
          loggedIn: doc.loggedIn === true,
          authMethod: doc.authMethod,
          apiProvider: typeof doc.apiProvider === 'string' ? doc.apiProvider : '',
          apiKeySource: typeof doc.apiKeySource === 'string' ? doc.apiKeySource : null,
        });
      } catch {
        resolve(null);
      }
    });
  });
}
