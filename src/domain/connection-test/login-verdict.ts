import { parseJsonObject } from '../json-text-edit.js';
import { shown } from '../safe-text.js';
import type { Outcome } from './verdict.js';

/**
 * A Claude Code login is judged without a network call: probing with subscription tokens
 * is undocumented, and a refresh would rotate the token chain under Claude Code's feet.
 * What `.credentials.json` says locally: subscription, scopes, expiry.
 */

/** Claude Code treats a token as expired five minutes early (observed). */
export const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function loginOutcome(credentialsText: string | undefined, nowMs: number): Outcome {
  if (credentialsText === undefined) return { verdict: 'login unusable', detail: 'no saved login (.credentials.json is missing)' };
  const doc = parseJsonObject(credentialsText);
  if (!doc) return { verdict: 'login unusable', detail: '.credentials.json is not valid JSON' };
  const oauth = doc.claudeAiOauth;
  if (!oauth || typeof oauth !== 'object') return { verdict: 'login unusable', detail: '.credentials.json holds no Claude Code login' };
  const { accessToken, refreshToken, expiresAt, scopes, subscriptionType } = oauth as Record<string, unknown>;
  const parts: string[] = [];
  parts.push(filled(subscriptionType) ? `${shown(subscriptionType.charAt(0).toUpperCase() + subscriptionType.slice(1).toLowerCase())} subscription` : 'subscription not recorded');
  const scopeList = Array.isArray(scopes) ? scopes.filter(filled).map(shown) : [];
  parts.push(scopeList.length > 0 ? `scopes ${scopeList.join(' ')}` : 'no scopes recorded');
  if (!filled(accessToken)) return { verdict: 'login unusable', detail: [...parts, 'its access token is empty: log in again with claude'].join('; ') };
  const expiry = typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? expiresAt : undefined;
  if (expiry === undefined) return { verdict: 'login ok', detail: [...parts, 'no expiry recorded'].join('; ') };
  const left = expiry - EXPIRY_MARGIN_MS - nowMs;
  if (left > 0) return { verdict: 'login ok', detail: [...parts, `expires in ${humanDuration(left)}`].join('; ') };
  if (!filled(refreshToken)) {
    return { verdict: 'login unusable', detail: [...parts, 'expired, and no refresh token to renew it: log in again with claude'].join('; ') };
  }
  return { verdict: 'login expired', detail: [...parts, 'expired: Claude Code renews it at its next start'].join('; ') };
}

/** `3 days`, `5 hours`, `12 minutes`, `under a minute`. */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}
