import { describe, expect, it } from 'vitest';

import { CLAUDE_COMMANDS, commandsFor } from '../../src/cli/command-registry.js';
import { fastCommand } from '../../src/launcher/fast-path.js';

describe('fastCommand: only exact, option-free shapes skip the parser', () => {
  it.each([
    [['claude', 'list']],
    [['claude', 'list-api-keys', 'prod']],
    [['claude', 'show-api-key', 'prod']],
  ])('%j runs without the parser', (args) => {
    expect(fastCommand(args)).toBeTypeOf('function');
  });

  it.each([
    [[]],
    [['claude']],
    [['claude', 'list', '--json']],
    [['claude', 'list', '--backups']],
    [['claude', 'list', 'extra']],
    [['claude', 'list', '-h']],
    [['claude', 'list-api-keys']],
    [['claude', 'list-api-keys', '--json']],
    [['claude', 'list-api-keys', '-']],
    [['claude', 'list-api-keys', '']],
    [['claude', 'list-api-keys', 'prod', '--json']],
    [['claude', 'show-api-key', 'prod', '--show-secret']],
    [['claude', 'show-api-key', 'prod', '-p', 'bedrock']],
    [['claude', 'show-api-key', '--help']],
    [['claude', 'show-api-key', 'prod', '--']],
    [['claude', 'add-api-key', 'prod']],
    [['--version']],
    [['list']],
  ])('%j goes through the parser', (args) => {
    expect(fastCommand(args)).toBeNull();
  });
});

describe('commandsFor: which subcommands a run registers', () => {
  it('registers only the named subcommand when it is known', () => {
    expect(commandsFor(['claude', 'print-key', 'prod'])).toEqual({ claude: ['print-key'], completion: false });
  });

  it.each([[['claude']], [['claude', 'lst']], [['claude', '--help']], [['completion', 'bash']], [['--help']], [[]]])(
    '%j registers everything (help, suggestions and completion need every command)',
    (args) => {
      expect(commandsFor(args)).toEqual({ claude: Object.keys(CLAUDE_COMMANDS), completion: true });
    },
  );

  it('does not take an inherited property for a command name', () => {
    expect(commandsFor(['claude', 'toString']).claude).toEqual(Object.keys(CLAUDE_COMMANDS));
  });

  it('every registry entry loads a register function', async () => {
    for (const load of Object.values(CLAUDE_COMMANDS)) expect(await load()).toBeTypeOf('function');
  });
});
