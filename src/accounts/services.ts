import { nowTimestamp } from '../domain/timestamps.js';
import { FileSystemStorage } from '../storage/fs-adapter.js';
import { accountsRoot } from '../storage/paths.js';
import { claudeCodePaths } from './claude-code-paths.js';
import { ClaudeCodeService } from './claude-code-service.js';
import { Secrets } from './secrets.js';
import { AccountService } from './service.js';

export interface Services {
  service: AccountService;
  claudeCode: ClaudeCodeService;
}

/** The service layer over the real filesystem, as both front ends use it. */
export function createServices(env: NodeJS.ProcessEnv = process.env): Services {
  // The keychain store (and its native binding) loads only when a secret there is needed.
  const secrets = new Secrets(async () => (await import('../storage/keychain-secret-store.js')).openKeychainStore());
  const service = new AccountService(new FileSystemStorage(accountsRoot(env)), nowTimestamp, secrets);
  return { service, claudeCode: new ClaudeCodeService(service, claudeCodePaths(env)) };
}
