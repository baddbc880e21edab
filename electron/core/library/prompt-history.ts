// The prompts the user sent, most recent first, each once: ↑/↓ in an empty prompt walk them (issue 14, point 3).
import { maxPromptHistory } from '../../../shared/limits';
import { cached } from '../db/statement-cache';
import type { LibraryContext } from './context';

export interface PromptEntry {
  prompt: string;
  negativePrompt: string | null;
}

/** Records a sent prompt as the newest (again, if it was sent before) and forgets the oldest past the bound. */
export function recordPrompt(context: LibraryContext, entry: PromptEntry): void {
  const prompt = entry.prompt.trim();
  if (prompt === '') return;
  context.db.transaction(() => {
    cached(
      context.db,
      `INSERT INTO prompt_history (prompt, negative_prompt, used_at) VALUES (?, ?, ?)
       ON CONFLICT(prompt) DO UPDATE SET negative_prompt = excluded.negative_prompt, used_at = excluded.used_at`,
    ).run(prompt, entry.negativePrompt, context.now());
    cached(
      context.db,
      `DELETE FROM prompt_history WHERE prompt NOT IN
         (SELECT prompt FROM prompt_history ORDER BY used_at DESC, rowid DESC LIMIT ?)`,
    ).run(maxPromptHistory);
  })();
}

/** The history, newest first. */
export function promptHistory(context: LibraryContext, limit = maxPromptHistory): PromptEntry[] {
  const rows = cached(
    context.db,
    'SELECT prompt, negative_prompt FROM prompt_history ORDER BY used_at DESC, rowid DESC LIMIT ?',
  ).all(limit) as Array<{ prompt: string; negative_prompt: string | null }>;
  return rows.map((row) => ({ prompt: row.prompt, negativePrompt: row.negative_prompt }));
}
