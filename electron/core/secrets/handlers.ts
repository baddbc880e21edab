// The secrets.* channel: where new keys go, and a plain warning when that is a weaker fallback.
import type { HandlerSlice } from '../handlers';
import type { SecretStore } from './types';

export function secretsHandlers(secrets: SecretStore): HandlerSlice<'secrets.describe'> {
  return { 'secrets.describe': () => secrets.describe() };
}
