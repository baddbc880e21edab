// A GPT image answer's cost from its token `usage` (openai-node src/resources/images.ts ImagesResponse.Usage:
// input_tokens, input_tokens_details {image_tokens, text_tokens}, output_tokens), at the prices shared/gpt-image.ts
// declares. Used only where the answer names no cost and the service bills at OpenAI's prices.
import { gptImageTokenPrices, isGptImageModel } from '../../../shared/gpt-image';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function costFromUsage(model: string, usage: unknown): number | undefined {
  if (!isGptImageModel(model)) return undefined;
  const prices = gptImageTokenPrices[model];
  if (!prices || typeof usage !== 'object' || usage === null) return undefined;
  const record = usage as Record<string, unknown>;
  const input = count(record.input_tokens);
  const output = count(record.output_tokens);
  if (input === undefined || output === undefined) return undefined;
  const details = (record.input_tokens_details ?? {}) as Record<string, unknown>;
  const imageTokens = count(details.image_tokens) ?? 0;
  // Without a breakdown, the input tokens not counted as image tokens are the prompt's text tokens.
  const textTokens = count(details.text_tokens) ?? Math.max(0, input - imageTokens);
  const dollars =
    (textTokens * prices.textInput + imageTokens * prices.imageInput + output * prices.imageOutput) / 1_000_000;
  return Math.round(dollars * 1e6) / 1e6;
}
