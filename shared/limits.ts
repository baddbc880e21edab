// Limits the contract, the core, the CLI and the renderer all enforce. Declared once here and imported
// everywhere else, so a check in the page and the one in the core can never drift apart.

/** The largest input image any provider accepts (OpenAI's edits endpoint: 25 MB per file). */
export const maxInputFileBytes = 25 * 1024 * 1024;

/** The same limit as base64 text in a payload (4 characters per 3 bytes), plus room for padding. */
export const maxInputBase64Chars = Math.ceil(maxInputFileBytes / 3) * 4 + 1024;

/** The largest file the library imports (the page does not even send a larger one). */
export const maxImportFileBytes = 50 * 1024 * 1024;

/** The most pixels an imported image may have (a PNG claiming 60000×60000 is refused before decoding). */
export const maxImportPixels = 100_000_000;

/**
 * How long one request to a provider may take, headers and body together, unless its preset says otherwise.
 * Image generation can hold a request for minutes; Node's fetch alone would give up after 300 s.
 */
export const defaultRequestTimeoutMs = 10 * 60_000;

/** The time-out a user may give one provider (Settings → Providers, `providers set --timeout`): 10 s to 1 h. */
export const requestTimeoutRangeMs = { min: 10_000, max: 60 * 60_000 } as const;

/**
 * The longest prompt a generation takes, in characters (every model's own promptMax is at most this), and the longest
 * negative prompt (what the image should not show) likewise.
 */
export const maxPromptChars = 40_000;
export const maxNegativePromptChars = maxPromptChars;

/** The largest seed a generation takes (32 bits unsigned, what the seeded APIs accept); seeds run 0 … maxSeed. */
export const maxSeed = 2 ** 32 - 1;

/** The most provider/model pairs one generation fans out to. */
export const maxTargetsPerBatch = 8;

/** The most input images one edit sends (gpt-image-1 takes 16). */
export const maxInputImages = 16;

/** Prompts kept for ↑/↓ in the Generate form (library/prompt-history.ts): the oldest beyond this are forgotten. */
export const maxPromptHistory = 200;
