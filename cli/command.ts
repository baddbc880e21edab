import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../electron/core/core';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  /** The library folder resolved from --library, ATELIER_LIBRARY or the OS default. */
  libraryDir: string;
  json: boolean;
  /** True when stdout is a terminal: progress lines only then. */
  tty: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Opens the core over the library once and closes it when the command ends. */
  core(): Promise<Core>;
  /** Lets a long-running command (serve) keep the core open after run() returns. */
  keepOpen(): void;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** Words that select it, e.g. ['library', 'import']. */
  words: string[];
  usage: string;
  summary: string;
  options?: OptionSpec;
  run(context: CommandContext, args: ParsedArgs): Promise<number>;
}

export const exitCodes = {
  ok: 0,
  partial: 1,
  usage: 2,
  auth: 3,
  provider: 4,
  cancelled: 5,
} as const;

/** A usage mistake: printed with the command's usage and exit code 2. */
export class UsageError extends Error {}
