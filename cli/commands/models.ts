// `atelier models list`: the merged model catalogue (built-in facts, ImageRouter's /v1/models) of one
// provider or of every configured one, with what each model accepts.
import type { ModelInfo } from '../../shared/contract/models';
import { call } from '../call';
import { type Command, type CommandContext, exitCodes } from '../command';

/** A model in the shape of `models list --json` (docs/cli.md). */
function modelRow(providerId: string, model: ModelInfo) {
  return {
    id: model.id,
    provider: providerId,
    protocol: model.protocol,
    edit: model.edit,
    mask: model.mask,
    maskFormat: model.maskConvention,
    sizes: model.sizes,
    aspectRatios: model.aspectRatios,
    n: model.n,
    maxImages: model.maxInputImages,
    promptLimit: model.promptMax,
    negativePrompt: model.negativePrompt,
  };
}
type ModelRow = ReturnType<typeof modelRow>;

function oneLine(row: ModelRow): string {
  const shapes =
    row.aspectRatios.length > 0
      ? `aspect ${row.aspectRatios.join(' ')}`
      : row.sizes
        ? `size ${row.sizes.join(' ')}`
        : 'any WxH';
  const editing = row.edit
    ? `edit ≤${row.maxImages} image(s)${row.mask ? `, mask (${row.maskFormat})` : ''}`
    : 'no edit';
  const n = row.n.min === row.n.max ? `n ${row.n.min}` : `n ${row.n.min}–${row.n.max}`;
  const negative = row.negativePrompt ? ', negative prompt' : '';
  return `${row.provider.padEnd(14)} ${row.id.padEnd(36)} ${row.protocol.padEnd(13)} ${n.padEnd(7)} ${editing.padEnd(38)} ${shapes}${negative}`;
}

async function providerIds(context: CommandContext, only: string | undefined): Promise<string[]> {
  if (only !== undefined) return [only];
  const { providers } = await call(context, 'providers.list', {});
  return providers.map((entry) => entry.id);
}

export const modelsCommands: Command[] = [
  {
    words: ['models', 'list'],
    usage: 'models list [--provider ID] [--refresh]',
    summary:
      'Models with what they accept: sizes or aspect ratios, n range, edit, mask, input images. --refresh fetches remote catalogues again.',
    options: { provider: { type: 'string' }, refresh: { type: 'boolean' } },
    async run(context, { values }) {
      const rows: ModelRow[] = [];
      for (const providerId of await providerIds(context, values.provider as string | undefined)) {
        const listed = await call(context, 'models.list', { providerId, refresh: Boolean(values.refresh) });
        // A catalogue that could not be refreshed still lists the cached or built-in models: say so, go on.
        if (listed.warning) context.err(`${providerId}: ${listed.warning}`);
        rows.push(...listed.models.map((model) => modelRow(providerId, model)));
      }
      if (context.json) context.out(JSON.stringify({ models: rows }));
      else for (const row of rows) context.out(oneLine(row));
      return exitCodes.ok;
    },
  },
];
