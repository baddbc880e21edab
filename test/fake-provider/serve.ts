// Runs the fake provider on its own, for Playwright's webServer, manual tries with the CLI, or a demo:
//   npx tsx test/fake-provider/serve.ts [--port N]     → prints {"baseUrl": "http://127.0.0.1:N"}
// FAKE_PROVIDER_KEY makes it require one key; without it any Bearer/Key header is accepted.
import { parseArgs } from 'node:util';
import { startFakeProvider } from './index';

const { values } = parseArgs({ options: { port: { type: 'string' } } });
const fake = await startFakeProvider({
  key: process.env.FAKE_PROVIDER_KEY || undefined,
  port: values.port ? Number(values.port) : undefined,
});
process.stdout.write(`${JSON.stringify({ baseUrl: fake.baseUrl })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
