// Adds generated images with a provider, a price and a creation time straight into a library: the e2e
// tests' stand-in for jobs run against paid providers. The server beside it sees them on its next read.
// Usage: node --import tsx test/e2e/add-priced-images.ts LIBRARY_DIR '[{"provider":"openai","costUsd":0.04,"at":"…"}]'
import { join } from 'node:path';
import sharp from 'sharp';
import { migrations } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { createLibrary } from '../../electron/core/library/library';

const [libraryDir, json] = process.argv.slice(2);
const entries = JSON.parse(json!) as Array<{ provider: string; costUsd: number | null; at: string; prompt: string }>;
const db = openDatabase(join(libraryDir!, 'atelier.db'), { migrations });
let clock = 0;
const library = createLibrary({ db, libraryDir: libraryDir!, now: () => clock });
for (const [index, entry] of entries.entries()) {
  clock = Date.parse(entry.at);
  const background = { r: (index * 53) % 256, g: 60, b: (index * 97) % 256 };
  await library.addImage({
    bytes: await sharp({ create: { width: 64, height: 64, channels: 3, background } })
      .png()
      .toBuffer(),
    source: 'generated',
    provider: entry.provider,
    model: `${entry.provider}-model`,
    prompt: entry.prompt,
    costUsd: entry.costUsd,
  });
}
await library.close();
db.close();
