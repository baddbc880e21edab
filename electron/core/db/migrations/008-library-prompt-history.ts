// Library migration 8: the prompts the user sent, for ↑/↓ in the Generate form. One row per distinct prompt (sent
// again, it moves to the top), newest first by its last use; bounded by library/prompt-history.ts on every write.
import type { Migration } from '../migrate';

export const libraryPromptHistoryMigration: Migration = {
  id: 8,
  name: 'library: the prompt history',
  up: (db) =>
    db.exec(`
      CREATE TABLE prompt_history (
        prompt TEXT PRIMARY KEY,
        negative_prompt TEXT,
        used_at INTEGER NOT NULL
      );
      CREATE INDEX prompt_history_used ON prompt_history(used_at DESC);
    `),
};
