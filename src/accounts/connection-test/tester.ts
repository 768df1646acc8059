import type { Outcome } from '../../domain/connection-test/verdict.js';
import type { Transport } from './http.js';

/** What a provider's tester reports; the runner adds the account, timing and pass/fail. */
export interface Probe extends Outcome {
  kind: 'network' | 'local';
  endpoint?: string;
  proxy?: string | null;
}

export interface TestEnvironment {
  transport: Transport;
  env: NodeJS.ProcessEnv;
  nowMs: () => number;
}

/** Tests one stored entry of `.api_keys.json` for one provider. */
export type ProviderTester = (entry: Record<string, unknown>, t: TestEnvironment) => Promise<Probe>;

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** A probe that made no request. */
export const untested = (detail: string): Probe => ({ kind: 'local', verdict: 'untested', detail });
