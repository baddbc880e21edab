// The providers a user has configured (presets with a base URL and a label), kept in the library
// database so the app and the CLI see the same list. Keys are not here: they live in the SecretStore,
// keyed by provider id. A built-in preset's provider is created by the migration, so it exists from first open.
import { AppError } from '../../../shared/errors';
import { type PresetId, presets, type ProviderConfig } from '../../../shared/presets';
import type { Db } from '../db/open';
import type { SecretStore } from '../secrets/types';

/** Lower-case letters, digits and dashes: safe in ATELIER_KEY_<ID> (dash → underscore) and keychain accounts. */
const idPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface NewProvider {
  id: string;
  preset: PresetId;
  baseUrl?: string | null;
  label?: string;
}

export interface ProviderChanges {
  baseUrl?: string | null;
  label?: string;
  /** Null goes back to the preset's time-out. */
  requestTimeoutMs?: number | null;
}

interface Row {
  id: string;
  label: string;
  preset: PresetId;
  base_url: string | null;
  request_timeout_ms: number | null;
}

const columns = 'id, label, preset, base_url, request_timeout_ms';

const toConfig = (row: Row): ProviderConfig => ({
  id: row.id,
  label: row.label,
  preset: row.preset,
  baseUrl: row.base_url,
  requestTimeoutMs: row.request_timeout_ms,
});

/** Trims, drops trailing slashes, and refuses what fetch could not use or what would carry a secret. */
export function normaliseBaseUrl(raw: string): string {
  const text = raw.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError(
      'invalid_input',
      `"${text}" is not a web address. A base URL looks like https://api.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(
      'invalid_input',
      `A base URL must start with https:// (or http:// for a server on your network), not ${url.protocol}//.`,
    );
  }
  if (url.username || url.password) {
    throw new AppError(
      'invalid_input',
      'A base URL must not contain a user name or password: set the key with "Set key" instead.',
    );
  }
  if (url.search || url.hash) {
    throw new AppError('invalid_input', 'A base URL must not contain a query (?…) or fragment (#…).');
  }
  return text;
}

export class ProviderRegistry {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {}

  list(): ProviderConfig[] {
    const rows = this.db.prepare(`SELECT ${columns} FROM providers ORDER BY created_at, rowid`).all() as Row[];
    return rows.map(toConfig);
  }

  find(id: string): ProviderConfig | null {
    const row = this.db.prepare(`SELECT ${columns} FROM providers WHERE id = ?`).get(id) as Row | undefined;
    return row ? toConfig(row) : null;
  }

  get(id: string): ProviderConfig {
    const found = this.find(id);
    if (!found) {
      throw new AppError(
        'not_found',
        `There is no provider "${id}". See the list in Settings → Providers or with \`atelier providers list\`.`,
      );
    }
    return found;
  }

  add(input: NewProvider): ProviderConfig {
    if (!idPattern.test(input.id)) {
      throw new AppError(
        'invalid_input',
        `"${input.id}" cannot be a provider id: use 1–40 lower-case letters, digits and dashes, starting with a letter or digit.`,
      );
    }
    const spec = presets[input.preset];
    if (!spec) throw new AppError('invalid_input', `There is no preset "${input.preset}".`);
    if (spec.builtIn)
      throw new AppError(
        'invalid_input',
        `The ${spec.label} provider is built in: every library has one already (id "${input.preset}").`,
      );
    if (this.find(input.id))
      throw new AppError('conflict', `A provider "${input.id}" exists already. Pick another id.`);
    const config: ProviderConfig = {
      id: input.id,
      label: input.label?.trim() || (input.id === input.preset ? spec.label : `${spec.label} (${input.id})`),
      preset: input.preset,
      baseUrl: this.baseUrlFor(input.preset, input.baseUrl === undefined ? spec.defaultBaseUrl : input.baseUrl),
      requestTimeoutMs: null,
    };
    this.db
      .prepare('INSERT INTO providers (id, label, preset, base_url, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(config.id, config.label, config.preset, config.baseUrl, this.now());
    return config;
  }

  update(id: string, changes: ProviderChanges): ProviderConfig {
    const current = this.get(id);
    const next: ProviderConfig = {
      ...current,
      label: changes.label === undefined ? current.label : changes.label.trim() || current.label,
      baseUrl: changes.baseUrl === undefined ? current.baseUrl : this.baseUrlFor(current.preset, changes.baseUrl),
      requestTimeoutMs: changes.requestTimeoutMs === undefined ? current.requestTimeoutMs : changes.requestTimeoutMs,
    };
    this.db
      .prepare('UPDATE providers SET label = ?, base_url = ?, request_timeout_ms = ? WHERE id = ?')
      .run(next.label, next.baseUrl, next.requestTimeoutMs ?? null, id);
    return next;
  }

  /** Removes the provider and its key, so no orphaned key stays behind in the keychain. */
  async remove(id: string): Promise<void> {
    const provider = this.get(id);
    if (presets[provider.preset].builtIn)
      throw new AppError('invalid_input', `${provider.label} is built in and cannot be removed.`);
    await this.secrets.delete(id);
    this.db.prepare('DELETE FROM providers WHERE id = ?').run(id);
  }

  /**
   * The key a request to this provider must carry: null for presets without keys. Throws the
   * message a user sees when a job cannot start for want of a key.
   */
  async keyFor(id: string): Promise<string | null> {
    const provider = this.get(id);
    if (!presets[provider.preset].needsKey) return null;
    const key = await this.secrets.get(id);
    if (!key) {
      throw new AppError(
        'auth_refused',
        `No key is set for ${provider.label}. Add it in Settings → Providers, or run \`atelier providers set-key ${id}\`.`,
      );
    }
    return key;
  }

  private baseUrlFor(preset: PresetId, raw: string | null): string | null {
    if (presets[preset].offline) {
      if (raw)
        throw new AppError('invalid_input', `${presets[preset].label} renders on this computer and takes no base URL.`);
      return null;
    }
    if (!raw)
      throw new AppError(
        'invalid_input',
        `A ${presets[preset].label} provider needs a base URL, such as https://api.example.com.`,
      );
    return normaliseBaseUrl(raw);
  }
}
