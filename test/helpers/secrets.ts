/**
 * Fake secrets for every test. Each is distinctive, so a leak check can look for it in
 * any output: the CLI harness fails a run whose stdout/stderr contains one of these
 * unless the test said it expects a secret to be shown (`--show-secret`, print-key…).
 * Tests must take secrets from here, never invent their own.
 */
export const SECRETS = {
  anthropicKey: 'sk-ant-api03-FAKEsecretANTHROPICkey0123456789-abcdefXYZ',
  anthropicKey2: 'sk-ant-api03-FAKEsecondANTHROPICkey9876543210-zyxwvuQRS',
  accessKeyId: 'AKIAFAKEACCESS0KEY01',
  secretAccessKey: 'FAKEsecretACCESSkey/0123456789+abcdefghijKLMN',
  secretAccessKey2: 'FAKEotherSECRETkey/9876543210+zyxwvutsrqPONM',
  bearerToken: 'ABSKFAKEbearerTOKENforBEDROCK0123456789abcdef',
  oauthAccessToken: 'sk-ant-oat01-FAKEoauthACCESStoken0123456789',
  oauthRefreshToken: 'sk-ant-ort01-FAKEoauthREFRESHtoken0123456789',
} as const;

/** Parts of a secret long enough to be unmistakable (a masked value shows at most 8 + 4). */
export function leakedSecrets(text: string): string[] {
  return Object.values(SECRETS).filter((secret) => {
    if (text.includes(secret)) return true;
    // Any 16-character window of a secret counts as a leak: masking never shows that much.
    for (let i = 0; i + 16 <= secret.length; i += 4) {
      if (text.includes(secret.slice(i, i + 16))) return true;
    }
    return false;
  });
}
