// The fake provider for the load test, in a process of its own (test/jobs/load.test.ts forks it): it is a separate
// server on loopback anyway, and inside the measured process its own memory (every request it recorded, every file
// it serves, its sockets) grew the figure by ≈16 KB per job while the engine's stayed flat.
// IPC: sends {baseUrl} once it listens; answers {kind: 'count', routeEnd} with the {count} of requests to the routes ending so.
import { startFakeProvider } from '../fake-provider';
import { jobKey } from './helpers';

// Tiny images, so the run measures the engine and not the encoder.
const fake = await startFakeProvider({ key: jobKey, defaultImageSide: 8 });
process.on('message', (message: { kind: 'count'; routeEnd: string }) => {
  const count = fake.requests.filter((request) => request.route.endsWith(message.routeEnd)).length;
  process.send!({ kind: 'count', count });
});
// The test ended (or died): the IPC channel closes and the server goes with it.
process.once('disconnect', () => void fake.close().then(() => process.exit(0)));
process.send!({ kind: 'listening', baseUrl: fake.baseUrl });
