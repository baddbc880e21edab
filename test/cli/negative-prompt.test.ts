// `atelier generate --negative TEXT` (issue 14, point 3): sent to the local model, which takes one, and recorded on
// the image; `models list` says which models take one.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atelier, tempLibrary } from './helpers';

let library: string;
const run = (...args: string[]) => atelier(library, args);

beforeAll(() => {
  library = tempLibrary();
});
afterAll(() => rmSync(library, { recursive: true, force: true }));

describe('atelier generate --negative', { timeout: 60_000 }, () => {
  it('records the negative prompt on the image, and the same settings give the same bytes', async () => {
    const args = ['generate', '--provider', 'local', '--model', 'local/pattern', '--prompt', 'a red fox'];
    const options = ['--size', '16x16', '--seed', '3', '--negative', 'snow, trees', '--json'];
    const first = await run(...args, ...options);
    expect(first.code, first.stderr).toBe(0);
    const [image] = first.json().images;
    expect(image).toMatchObject({ negativePrompt: 'snow, trees', seed: 3 });
    expect(first.json().job.params).toMatchObject({ negativePrompt: 'snow, trees' });

    // The same settings again make the same bytes (the same sha256); another negative prompt, another image.
    const again = await run(...args, ...options);
    expect(again.json().images[0].sha256).toBe(image.sha256);
    const other = await run(...args, '--size', '16x16', '--seed', '3', '--negative', 'rain', '--json');
    expect(other.json().images[0].sha256).not.toBe(image.sha256);
  });
});
