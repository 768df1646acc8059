/** Loose permissions are reported the way ssh reports a loose private key. */
export function looseModeWarning(path: string, mode: number): string | null {
  if ((mode & 0o077) === 0) return null;
  return `${path} is accessible by others (mode ${mode.toString(8).padStart(4, '0')}); fix with: chmod 600 ${path}`;
}
