/**
 * The hidden subcommand the shell completion scripts call to list account names. Its
 * own module: the command registry and the completion command both need the name, and
 * the registry imports the command (lazily), so neither can take it from the other
 * without an import cycle.
 */
export const COMPLETE_ACCOUNTS = '__complete-accounts';
