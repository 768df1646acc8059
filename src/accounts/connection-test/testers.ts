import { shown } from '../../domain/safe-text.js';
import { testAnthropic } from './anthropic.js';
import { testBedrock } from './bedrock.js';
import { testFoundry } from './foundry.js';
import { testVertex } from './vertex.js';
import { untested, type ProviderTester } from './tester.js';

/**
 * One tester per provider id of `.api_keys.json`. A provider added to the registry
 * (src/domain/providers/) without a tester here is reported `untested`, never guessed.
 */
export const TESTERS: Readonly<Record<string, ProviderTester>> = {
  anthropic: testAnthropic,
  bedrock: testBedrock,
  foundry: testFoundry,
  vertex: testVertex,
};

export function testerFor(provider: string): ProviderTester {
  return Object.hasOwn(TESTERS, provider)
    ? TESTERS[provider]!
    : () => Promise.resolve(untested(`cuti cannot test ${shown(provider)} credentials yet`));
}
