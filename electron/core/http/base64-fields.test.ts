// The streamed reader of base64 fields: whatever the chunking, it answers what JSON.parse and Buffer.from would.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Base64FieldReader } from './base64-fields';

function read(text: string, chunkSize: number, fields = ['b64_json']): unknown {
  const reader = new Base64FieldReader(fields);
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += chunkSize) reader.push(bytes.subarray(at, at + chunkSize));
  return reader.finish();
}

describe('Base64FieldReader', () => {
  const image = randomBytes(1000);
  const answer = {
    created: 1,
    data: [{ b64_json: image.toString('base64'), revised_prompt: 'a "kite" \\ b64_json: "x"' }, { url: 'u' }],
    usage: { total_tokens: 3 },
  };

  it('decodes the field to bytes at any chunk size and leaves the rest as JSON.parse reads it', () => {
    for (const size of [1, 2, 3, 5, 7, 64, 100_000]) {
      const body = read(JSON.stringify(answer, null, size % 2 ? 0 : 2), size) as typeof answer;
      const first = body.data[0] as unknown as { b64_json: Buffer; revised_prompt: string };
      expect(Buffer.isBuffer(first.b64_json)).toBe(true);
      expect(first.b64_json.equals(image)).toBe(true);
      expect(first.revised_prompt).toBe(answer.data[0]!.revised_prompt);
      expect({ ...body, data: body.data.slice(1) }).toEqual({ ...answer, data: answer.data.slice(1) });
    }
  });

  it('takes escaped slashes and line breaks inside the base64, and leading keep-alive spaces', () => {
    const escaped = image
      .toString('base64')
      .replace(/(.{76})/g, '$1\n')
      .replace(/\//g, '\\/')
      .replace(/\n/g, '\\n');
    for (const size of [1, 3, 4096]) {
      const body = read(`   {"data":[{"b64_json" : "${escaped}"}]}`, size) as { data: Array<{ b64_json: Buffer }> };
      expect(body.data[0]!.b64_json.equals(image)).toBe(true);
    }
  });

  it('leaves other fields, and a value named like the field, as strings; empty text is null', () => {
    expect(read('{"b64":"QUJD","note":"b64_json"}', 3)).toEqual({ b64: 'QUJD', note: 'b64_json' });
    expect(read('  ', 1)).toBeNull();
  });

  it('throws a SyntaxError on text that is not JSON, cut short or not', () => {
    expect(() => read('{"data": [{"url": "htt', 4)).toThrow(SyntaxError);
    expect(() => read('{"data": [{"b64_json": "QUJD', 4)).toThrow(SyntaxError);
    expect(() => read('<html>', 4)).toThrow(SyntaxError);
  });
});
