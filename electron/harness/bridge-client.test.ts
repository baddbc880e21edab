import { expect, it } from 'vitest';
import { errorKinds } from '../../shared/errors';
import { bridgeClientSource } from './bridge-client';

it('the browser bridge (plain script text) names only error kinds shared/errors.ts declares', () => {
  const named = [...bridgeClientSource('atelier_token').matchAll(/fail\('(\w+)'/g)].map((match) => match[1]);
  expect(named).toEqual(['core_connection_lost', 'core_not_connected']);
  for (const kind of named) expect(errorKinds).toContain(kind);
});
