// Long generations: fetch's own 300 s limits (undici's headersTimeout/bodyTimeout) must not cut a request our
// time-out still allows. Node's default is simulated here by a global dispatcher with short limits.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client';

let server: Server;
let baseUrl = '';
let previous: Dispatcher;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/slow-headers') {
        await wait(2500);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":');
        await wait(2500);
        res.end('2}');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  previous = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ headersTimeout: 300, bodyTimeout: 300 }));
});
afterAll(async () => {
  setGlobalDispatcher(previous);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('HttpClient time-outs', () => {
  const client = () => new HttpClient({ provider: 'Slow', timeoutMs: 8000, maxRetries: 0 });

  it('waits for headers as long as its own time-out, not fetch’s default', async () => {
    const answer = await client().json({ method: 'POST', url: `${baseUrl}/slow-headers`, json: {} });
    expect(answer.body).toEqual({ ok: 1 });
  });

  it('waits between body chunks as long as its own time-out', async () => {
    const answer = await client().json({ method: 'POST', url: `${baseUrl}/slow-body`, json: {} });
    expect(answer.body).toEqual({ ok: 2 });
  });

  it('still ends a request at its own time-out, with its own message', async () => {
    const quick = new HttpClient({ provider: 'Slow', timeoutMs: 300, maxRetries: 0 });
    await expect(quick.json({ method: 'GET', url: `${baseUrl}/slow-headers` })).rejects.toThrow(
      'Slow did not answer within 0.3 s.',
    );
  });
});
