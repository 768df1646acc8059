import { execFileSync } from 'node:child_process';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  detectShell,
  exportLine,
  quoteFish,
  quotePosix,
  quotePowerShell,
  suggestedName,
  unsetLine,
} from '../../src/domain/shell-quote.js';

describe('quoting for each shell', () => {
  it('POSIX: single quotes, a quote closes, escapes and reopens', () => {
    expect(quotePosix(`a'b`)).toBe(`'a'\\''b'`);
    expect(quotePosix('$HOME "x" \\n')).toBe(`'$HOME "x" \\n'`);
    expect(quotePosix('')).toBe(`''`);
  });

  it('fish: backslash and quote are escaped inside single quotes', () => {
    expect(quoteFish(`a'b\\c`)).toBe(`'a\\'b\\\\c'`);
    expect(quoteFish('$x (cmd)')).toBe(`'$x (cmd)'`);
  });

  it('PowerShell: quotes are doubled, typographic ones too', () => {
    expect(quotePowerShell(`it's`)).toBe(`'it''s'`);
    expect(quotePowerShell('a\u2019b')).toBe(`'a\u2019\u2019b'`);
    expect(quotePowerShell('$env:PATH')).toBe(`'$env:PATH'`);
  });

  it('writes export and unset lines in each syntax', () => {
    expect(exportLine('bash', 'ANTHROPIC_API_KEY', 'k')).toBe(`export ANTHROPIC_API_KEY='k';`);
    expect(exportLine('zsh', 'A', 'k')).toBe(`export A='k';`);
    expect(exportLine('fish', 'A', 'k')).toBe(`set -gx A 'k'`);
    expect(exportLine('powershell', 'A', 'k')).toBe(`$env:A = 'k'`);
    expect(unsetLine('bash', 'A')).toBe('unset A;');
    expect(unsetLine('powershell', 'A')).toBe('Remove-Item Env:A -ErrorAction SilentlyContinue');
  });

  it('suggestedName: plain names as they are, anything else quoted and sanitised', () => {
    expect(suggestedName('work-2')).toBe('work-2');
    expect(suggestedName('two words')).toBe(`'two words'`);
    expect(suggestedName('x$(id)')).toBe(`'x$(id)'`);
    expect(suggestedName("it's")).toBe(`'it'\\''s'`);
    expect(suggestedName('a\u001b[31m')).toBe(`'a\\x1b[31m'`);
  });

  it('refuses a variable name that is not an identifier', () => {
    expect(() => exportLine('bash', 'A;rm -rf ~', 'x')).toThrow(/not a valid environment variable name/);
  });

  it('picks the shell from $SHELL, defaulting to bash', () => {
    expect(detectShell('/usr/bin/fish')).toBe('fish');
    expect(detectShell('/bin/zsh')).toBe('zsh');
    expect(detectShell('C:\\Program Files\\PowerShell\\pwsh.exe')).toBe('powershell');
    expect(detectShell('/bin/dash')).toBe('bash');
    expect(detectShell(undefined)).toBe('bash');
  });

  it.each(['bash', 'zsh'])('%s: a value with runs of spaces survives the unquoted eval $(…) the original tool documents', (shell) => {
    // Word splitting of the unquoted $(…) then eval's joining with one space would make
    // 'a  b' into 'a b' (a path with two spaces in a row, a directory that does not exist).
    for (const value of ['a  b', '   lead', 'trail   ', "it's  '  x", 'one space']) {
      const line = exportLine(shell as 'bash' | 'zsh', 'V', value);
      const out = execFileSync(shell, ['-c', `eval $(printf '%s\n' "$LINE"); printf '%s' "$V"`], { encoding: 'utf8', env: { ...process.env, LINE: line } });
      expect(out, line).toBe(value);
    }
    // A value without such runs is written as before.
    expect(exportLine('bash', 'V', 'one space')).toBe(`export V='one space';`);
  });

  it('any string survives a round trip through a real POSIX shell', () => {
    // Printable text plus the characters shells treat specially; NUL cannot live in argv or env.
    const special = fc.constantFrom('$', '"', "'", '\\', '`', ' ', '\n', '!', '*', ';', '&', '|', 'é', '中', '😀');
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
    const value = fc.string({ unit: fc.oneof(special, printable) });
    fc.assert(
      fc.property(value, (v) => {
        const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${quotePosix(v)}`], { encoding: 'utf8' });
        expect(out).toBe(v);
      }),
      { numRuns: 60 },
    );
  });
});
