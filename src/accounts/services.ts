import { nowTimestamp } from '../domain/timestamps.js';
import { FileSystemStorage } from '../storage/fs-adapter.js';
import { accountsRoot } from '../storage/paths.js';
import { claudeCodePaths } from './claude-code-paths.js';
import { ClaudeCodeService } from './claude-code-service.js';
import { AccountService } from './service.js';

export interface Services {
  service: AccountService;
  claudeCode: ClaudeCodeService;
}

/** The service layer over the real filesystem, as both front ends use it. */
export function createServices(env: NodeJS.ProcessEnv = process.env): Services {
  const service = new AccountService(new FileSystemStorage(accountsRoot(env)), nowTimestamp);
  return { service, claudeCode: new ClaudeCodeService(service, claudeCodePaths(env)) };
}
