import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../shared/errors';
import { createCore, type Core } from '../electron/core/core';
import { redact } from '../electron/core/redact';
import { type Command, type CommandContext, exitCodes, UsageError } from './command';
import { commands } from './commands';

const globalOptions = {
  library: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The desktop app's default library: the OS app-data folder, as Electron's app.getPath('userData') would give. */
export function defaultLibraryDir(): string {
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Atelier', 'library');
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Atelier', 'library');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Atelier', 'library');
}

/** Global options that take a value (`--library DIR`): their value is never a command word. */
const globalValueFlags = new Set(
  Object.entries(globalOptions)
    .filter(([, option]) => option.type === 'string')
    .map(([name]) => `--${name}`),
);

/**
 * The command named by the first words of argv, wherever the global options stand (before, between or
 * after the words, as docs/cli.md allows), and argv without those words for parseArgs.
 */
function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const wordIndexes: number[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (globalValueFlags.has(arg)) index++;
    else if (!arg.startsWith('-')) wordIndexes.push(index);
  }
  const words = wordIndexes.map((index) => argv[index]);
  let best: Command | null = null;
  for (const command of commands) {
    const matches = command.words.every((word, index) => words[index] === word);
    if (matches && (!best || command.words.length > best.words.length)) best = command;
  }
  if (!best) return null;
  const taken = new Set(wordIndexes.slice(0, best.words.length));
  return { command: best, rest: argv.filter((_, index) => !taken.has(index)) };
}

function helpText(): string {
  const lines = commands.map((command) => `  atelier ${command.usage}\n      ${command.summary}`);
  return `Usage: atelier <command> [--library DIR] [--json]\n\nCommands:\n${lines.join('\n')}\n`;
}

function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return exitCodes.usage;
  if (isAppError(error)) {
    if (error.code === 'auth_refused') return exitCodes.auth;
    if (error.code === 'provider_failed' || error.code === 'network_failed') return exitCodes.provider;
    if (error.code === 'cancelled') return exitCodes.cancelled;
    if (error.code === 'invalid_input' || error.code === 'invalid_payload' || error.code === 'not_found')
      return exitCodes.usage;
  }
  return exitCodes.partial;
}

export async function main(argv: string[]): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    const wantsHelp = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
    (wantsHelp ? process.stdout : process.stderr).write(
      wantsHelp ? helpText() : `Unknown command: ${argv.join(' ')}\n\n${helpText()}`,
    );
    return wantsHelp ? exitCodes.ok : exitCodes.usage;
  }
  const { command, rest } = found;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nUsage: atelier ${command.usage}\n`);
    return exitCodes.usage;
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: atelier ${command.usage}\n${command.summary}\n`);
    return exitCodes.ok;
  }
  const libraryDir =
    (parsed.values.library as string | undefined) ?? process.env.ATELIER_LIBRARY ?? defaultLibraryDir();
  let core: Core | null = null;
  let keepOpen = false;
  const context: CommandContext = {
    libraryDir,
    json: Boolean(parsed.values.json),
    tty: Boolean(process.stdout.isTTY),
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(redact(text.endsWith('\n') ? text : `${text}\n`)),
    core: async () => (core ??= await createCore({ libraryDir, transport: 'cli' })),
    keepOpen: () => {
      keepOpen = true;
    },
  };
  try {
    return await command.run(context, parsed as never);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.err(`atelier ${command.words.join(' ')}: ${message}`);
    if (error instanceof UsageError) context.err(`Usage: atelier ${command.usage}`);
    if (!(error instanceof UsageError) && !(error instanceof AppError) && process.env.ATELIER_DEBUG)
      context.err(String((error as Error).stack));
    return exitCodeFor(error);
  } finally {
    if (core && !keepOpen) await (core as Core).close();
  }
}
