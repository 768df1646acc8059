import type { Command } from 'commander';

import { CREDENTIAL_SOURCES } from '../../domain/claude-env.js';
import { PROVIDERS } from '../../domain/providers/index.js';
import { CutiError } from '../../domain/errors.js';
import { shownValue } from '../../domain/redact.js';
import { quoteFish, SHELLS as ENV_SHELLS } from '../../domain/shell-quote.js';
import { validateAddressedName } from '../../domain/validation.js';
import type { CliContext } from '../context.js';
import { COMPLETE_ACCOUNTS } from '../hidden-commands.js';
import { SECRET_STORE_KINDS } from '../../storage/secret-settings.js';
import { TESTABLE_PROVIDERS } from './test.js';
import { stdout as processStdout, type Output } from '../stdio.js';

const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
type CompletionShell = (typeof COMPLETION_SHELLS)[number];

interface SubcommandSpec {
  name: string;
  description: string;
  takesAccount: boolean;
  /** What its first argument takes when that is not an account (secret-store's store). */
  argumentValues: readonly string[] | undefined;
  options: Array<{ long: string | undefined; short: string | undefined; description: string; values: readonly string[] | undefined }>;
}

/** What `-p` takes, per command: each accepts a different set (env and exec also a login, test 'claude-code'). */
const PROVIDER_VALUES: Record<string, readonly string[]> = { env: CREDENTIAL_SOURCES, exec: CREDENTIAL_SOURCES, test: TESTABLE_PROVIDERS };
const ARGUMENT_VALUES: Record<string, readonly string[]> = { 'secret-store': SECRET_STORE_KINDS };

function optionValues(command: string, long: string | undefined): readonly string[] | undefined {
  if (long === '--provider') return PROVIDER_VALUES[command] ?? PROVIDERS;
  if (long === '--shell') return ENV_SHELLS;
  return undefined;
}

/** What the scripts complete, read from the program itself so they never drift from it. */
export function describeCommands(claude: Command): SubcommandSpec[] {
  return claude.commands
    .filter((sub) => !sub.name().startsWith('__'))
    .map((sub) => ({
      name: sub.name(),
      description: sub.description(),
      takesAccount: sub.registeredArguments[0]?.name().startsWith('account') ?? false,
      argumentValues: ARGUMENT_VALUES[sub.name()],
      options: sub.options.map((o) => ({ long: o.long, short: o.short, description: o.description, values: optionValues(sub.name(), o.long) })),
    }));
}

function words(list: Iterable<string | undefined>): string {
  return [...list].filter((w): w is string => Boolean(w)).join(' ');
}

export function bashScript(specs: SubcommandSpec[]): string {
  const optionCases = specs
    .map((s) => `      ${s.name}) opts="${words(s.options.flatMap((o) => [o.long, o.short]))} --help" ;;`)
    .join('\n');
  // Keyed by command and option: `add-api-key -p` offers providers, `test -p` also claude-code.
  const valueCases = specs
    .flatMap((s) =>
      s.options
        .filter((o) => o.values !== undefined)
        .map((o) => {
          const flags = [o.long, o.short].filter(Boolean).map((flag) => `${s.name}:${flag}`).join('|');
          return `    ${flags}) COMPREPLY=($(compgen -W "${o.values!.join(' ')}" -- "$cur")); return ;;`;
        }),
    )
    .join('\n');
  const argumentCases = specs
    .filter((s) => s.argumentValues !== undefined)
    .map((s) => `    ${s.name}) COMPREPLY=($(compgen -W "${s.argumentValues!.join(' ')}" -- "$cur")) ;;`)
    .join('\n');
  const accountSubs = specs.filter((s) => s.takesAccount).map((s) => s.name).join('|');
  return `# cuti completion for bash. Load it with: source <(cuti completion bash)
_cuti() {
  local cur prev opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then COMPREPLY=($(compgen -W "claude completion --help --version" -- "$cur")); return; fi
  if [[ \${COMP_WORDS[1]} == completion ]]; then COMPREPLY=($(compgen -W "${COMPLETION_SHELLS.join(' ')}" -- "$cur")); return; fi
  [[ \${COMP_WORDS[1]} == claude ]] || return
  if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "${words(specs.map((s) => s.name))}" -- "$cur")); return; fi
  local sub="\${COMP_WORDS[2]}"
  case "$sub:$prev" in
${valueCases}
  esac
  if [[ $cur == -* ]]; then
    case "$sub" in
${optionCases}
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur")); return
  fi
  case "$sub" in
    ${accountSubs || '__none__'})
      # Names are data: never through compgen -W, which expands $(...) and backticks in
      # its word list. Each is matched literally and offered shell-quoted (printf %q).
      local name quoted
      COMPREPLY=()
      while IFS= read -r name; do
        printf -v quoted '%q' "$name"
        [[ $quoted == "$cur"* || $name == "$cur"* ]] && COMPREPLY+=("$quoted")
      done < <(cuti claude ${COMPLETE_ACCOUNTS} 2>/dev/null) ;;
${argumentCases}
  esac
}
complete -F _cuti cuti
`;
}

export function zshScript(specs: SubcommandSpec[]): string {
  // zsh runs the bash completion through its own bashcompinit layer.
  return `# cuti completion for zsh. Load it with: source <(cuti completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(specs).split('\n').slice(1).join('\n')}`;
}

export function fishScript(specs: SubcommandSpec[]): string {
  const names = words(specs.map((s) => s.name));
  const lines = [
    '# cuti completion for fish. Load it with: cuti completion fish | source',
    'complete -c cuti -f',
    `complete -c cuti -n __fish_use_subcommand -a 'claude completion'`,
    `complete -c cuti -n '__fish_seen_subcommand_from completion' -a '${COMPLETION_SHELLS.join(' ')}'`,
  ];
  for (const s of specs) {
    lines.push(
      `complete -c cuti -n '__fish_seen_subcommand_from claude; and not __fish_seen_subcommand_from ${names}' -a ${s.name} -d ${quoteFish(s.description)}`,
    );
    for (const o of s.options) {
      const flags = [o.long ? `-l ${o.long.slice(2)}` : '', o.short ? `-s ${o.short.slice(1)}` : ''].filter(Boolean).join(' ');
      const args = o.values ? ` -x -a '${o.values.join(' ')}'` : '';
      lines.push(`complete -c cuti -n '__fish_seen_subcommand_from ${s.name}' ${flags}${args} -d ${quoteFish(o.description)}`);
    }
  }
  for (const s of specs.filter((spec) => spec.argumentValues !== undefined)) {
    lines.push(`complete -c cuti -n '__fish_seen_subcommand_from ${s.name}' -a '${s.argumentValues!.join(' ')}'`);
  }
  const accountSubs = words(specs.filter((s) => s.takesAccount).map((s) => s.name));
  lines.push(`complete -c cuti -n '__fish_seen_subcommand_from ${accountSubs}' -a '(cuti claude ${COMPLETE_ACCOUNTS} 2>/dev/null)'`);
  return `${lines.join('\n')}\n`;
}

export function registerCompletion(program: Command, stdout: Output = processStdout): void {
  program
    .command('completion')
    .description('Print a shell completion script (bash, zsh or fish); it also completes account names')
    .argument('<shell>', COMPLETION_SHELLS.join(', '))
    .action((shell: string, _options: unknown, command: Command) => {
      if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) {
        throw new CutiError('usage', `Unsupported shell: ${shownValue(shell)} (valid: ${COMPLETION_SHELLS.join(', ')})`, { exitCode: 2 });
      }
      const claude = command.parent?.commands.find((c) => c.name() === 'claude');
      const specs = claude ? describeCommands(claude) : [];
      const script = { bash: bashScript, zsh: zshScript, fish: fishScript }[shell as CompletionShell](specs);
      stdout.write(script);
    });
}

/** Lists account directory names only: fast (one readdir) and never touches a secret. */
export function registerCompleteAccounts(claude: Command, ctx: () => CliContext): void {
  claude.command(COMPLETE_ACCOUNTS, { hidden: true }).action(async () => {
    const c = ctx();
    const names = await c.service.storage.listAccountDirs().catch(() => [] as string[]);
    // Only names a command would take: one with a line break would split into two
    // completions, and one with control, bidi or zero-width characters (which every
    // command refuses) would put raw escapes or reordered text in the completion list.
    for (const name of names.filter((n) => isAddressable(n) && !n.startsWith('backup_'))) c.out.data(name);
  });
}

function isAddressable(name: string): boolean {
  try {
    validateAddressedName(name);
    return true;
  } catch {
    return false;
  }
}
