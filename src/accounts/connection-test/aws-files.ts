import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { profileKeys, type ProfileKeys } from '../../domain/connection-test/aws-profile.js';

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** A profile's keys from the shared AWS files, where the AWS CLI and SDKs look for them. */
export async function readProfileKeys(profile: string, env: NodeJS.ProcessEnv): Promise<ProfileKeys> {
  const home = env.HOME ?? env.USERPROFILE ?? '';
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const config = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  return profileKeys(profile, await readIfExists(credentials), await readIfExists(config));
}
