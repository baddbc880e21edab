// `atelier providers …`: configured providers and their keys, per ../shared/docs/cli.md. A key is
// read from stdin only (an argument would land in shell history) and is never printed back.
import type { ChannelOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { requestTimeoutRangeMs } from '../../shared/limits';
import { addablePresetIds, type PresetId, presets } from '../../shared/presets';
import { call } from '../call';
import { type Command, type CommandContext, exitCodes, UsageError } from '../command';

type Entry = ChannelOutput<'providers.list'>['providers'][number];
type KeyStatus = Entry['key'];

function oneId(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`Give exactly one provider id (${usage}).`);
  return positionals[0]!;
}

function describeKey(key: KeyStatus): string {
  if (key.status === 'unset') return 'no key';
  const where = {
    keychain: 'in the keychain',
    'safe-storage': 'in the encrypted file',
    memory: 'in memory',
    env: 'from the environment',
  }[key.backend!];
  return `key …${key.last4 ?? '····'} ${where}`;
}

function printEntry(context: CommandContext, entry: Entry): void {
  if (context.json) context.out(JSON.stringify(entry));
  else
    context.out(
      `${entry.id.padEnd(18)} ${entry.preset.padEnd(18)} ${(entry.baseUrl ?? '-').padEnd(34)} ${describeKey(entry.key)}  ${entry.label}`,
    );
}

/** `--timeout 1200` (seconds) or `--timeout default` (back to the preset's). */
function timeoutOption(text: string): number | null {
  if (text === 'default') return null;
  const seconds = Number(text);
  const { min, max } = requestTimeoutRangeMs;
  if (!Number.isInteger(seconds) || seconds * 1000 < min || seconds * 1000 > max)
    throw new UsageError(`--timeout must be whole seconds from ${min / 1000} to ${max / 1000}, or "default".`);
  return seconds * 1000;
}

/** Whatever is piped in, or, on a terminal, one line typed without echo. */
async function readKey(context: CommandContext, id: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    stdin.setEncoding('utf8');
    for await (const chunk of stdin) text += chunk;
    return text.trim();
  }
  context.err(`Paste the key for ${id} and press Enter (it will not be shown):`);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n') return finish(() => resolve(typed.trim()));
          if (char === '\u0003') return finish(() => reject(new AppError('cancelled', 'No key was saved.')));
          typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
        }
      };
      const finish = (settle: () => void) => {
        stdin.off('data', onData);
        stdin.pause();
        settle();
      };
      stdin.on('data', onData).resume();
    });
  } finally {
    stdin.setRawMode(false);
  }
}

const presetList = addablePresetIds.join(', ');

export const providersCommands: Command[] = [
  {
    words: ['providers', 'list'],
    usage: 'providers list',
    summary: 'The configured providers: id, preset, base URL, and whether a key is set and where it is kept.',
    async run(context) {
      const { providers } = await call(context, 'providers.list', {});
      if (context.json) context.out(JSON.stringify({ providers }));
      else for (const entry of providers) printEntry(context, entry);
      if (!context.json) {
        const { warning } = await call(context, 'secrets.describe', {});
        if (warning) context.err(warning);
      }
      return exitCodes.ok;
    },
  },
  {
    words: ['providers', 'add'],
    usage: 'providers add ID --preset P [--base-url URL] [--label TEXT]',
    summary: `Add a provider. Presets: ${presetList}.`,
    options: { preset: { type: 'string' }, 'base-url': { type: 'string' }, label: { type: 'string' } },
    async run(context, { values, positionals }) {
      const id = oneId(positionals, this.usage);
      const preset = values.preset as string | undefined;
      if (!preset || !(addablePresetIds as readonly string[]).includes(preset)) {
        throw new UsageError(`--preset must be one of ${presetList}.`);
      }
      const entry = await call(context, 'providers.add', {
        id,
        preset: preset as PresetId,
        ...(values['base-url'] !== undefined && { baseUrl: values['base-url'] as string }),
        ...(values.label !== undefined && { label: values.label as string }),
      });
      printEntry(context, entry);
      if (!context.json && entry.key.status === 'unset' && presets[entry.preset].needsKey)
        context.err(`Next: atelier providers set-key ${id}`);
      return exitCodes.ok;
    },
  },
  {
    words: ['providers', 'set'],
    usage: 'providers set ID [--base-url URL] [--label TEXT] [--timeout SECONDS|default]',
    summary: "Change a provider's base URL, label or request time-out.",
    options: { 'base-url': { type: 'string' }, label: { type: 'string' }, timeout: { type: 'string' } },
    async run(context, { values, positionals }) {
      const id = oneId(positionals, this.usage);
      if (values['base-url'] === undefined && values.label === undefined && values.timeout === undefined)
        throw new UsageError('Give --base-url URL, --label TEXT or --timeout SECONDS.');
      const entry = await call(context, 'providers.update', {
        id,
        ...(values['base-url'] !== undefined && { baseUrl: values['base-url'] as string }),
        ...(values.label !== undefined && { label: values.label as string }),
        ...(values.timeout !== undefined && { requestTimeoutMs: timeoutOption(values.timeout as string) }),
      });
      printEntry(context, entry);
      return exitCodes.ok;
    },
  },
  {
    words: ['providers', 'remove'],
    usage: 'providers remove ID',
    summary: 'Remove a provider and delete its key.',
    async run(context, { positionals }) {
      const { id } = await call(context, 'providers.remove', { id: oneId(positionals, this.usage) });
      if (context.json) context.out(JSON.stringify({ removed: id }));
      else context.err(`Removed ${id} and its key.`);
      return exitCodes.ok;
    },
  },
  {
    words: ['providers', 'set-key'],
    usage: 'providers set-key ID < key.txt',
    summary: 'Read the key from stdin and keep it in the OS keychain. Never pass a key as an argument.',
    async run(context, { positionals }) {
      if (positionals.length > 1) {
        throw new UsageError(
          'A key is never accepted as an argument (it would stay in your shell history). Pipe it in on stdin instead.',
        );
      }
      const id = oneId(positionals, this.usage);
      // Check the provider before asking for the key, and refuse a store that would forget it on exit.
      const { providers } = await call(context, 'providers.list', {});
      if (!providers.some((entry) => entry.id === id)) {
        throw new AppError(
          'not_found',
          `There is no provider "${id}". See \`atelier providers list\`, or add it with \`atelier providers add\`.`,
        );
      }
      const { backend, warning } = await call(context, 'secrets.describe', {});
      if (backend === 'memory') {
        const envName = `ATELIER_KEY_${id.toUpperCase().replace(/-/g, '_')}`;
        throw new AppError(
          'unavailable',
          `${warning} A key set from the command line would be forgotten at once; set ${envName} instead.`,
        );
      }
      const key = await readKey(context, id);
      if (!key) throw new UsageError('No key arrived on stdin.');
      const status = await call(context, 'providers.setKey', { id, key });
      if (context.json) context.out(JSON.stringify({ id, key: status }));
      else context.err(`Saved: ${describeKey(status)}.`);
      if (!context.json && warning) context.err(warning);
      return exitCodes.ok;
    },
  },
  {
    words: ['providers', 'remove-key'],
    usage: 'providers remove-key ID',
    summary: "Delete a provider's key from the keychain.",
    async run(context, { positionals }) {
      const id = oneId(positionals, this.usage);
      const status = await call(context, 'providers.removeKey', { id });
      if (context.json) context.out(JSON.stringify({ id, key: status }));
      else if (status.backend === 'env')
        context.err(`Deleted the stored key; ${id} still uses the key from the environment.`);
      else context.err(`Deleted the key of ${id}.`);
      return exitCodes.ok;
    },
  },
  {
    words: ['providers', 'test'],
    usage: 'providers test ID',
    summary: 'One cheap authenticated call; says in plain words what failed.',
    async run(context, { positionals }) {
      const id = oneId(positionals, this.usage);
      const result = await call(context, 'providers.test', { id });
      if (context.json) context.out(JSON.stringify({ id, ...result }));
      else (result.outcome === 'works' ? context.out : context.err)(result.message);
      if (result.outcome === 'works') return exitCodes.ok;
      return result.outcome === 'key_refused' || result.outcome === 'no_key' ? exitCodes.auth : exitCodes.provider;
    },
  },
];
