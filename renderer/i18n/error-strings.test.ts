// Every error the core can answer with has a sentence in every language we ship: each code (the
// fallback) and each details.kind (the specific sentence), with no placeholder its kind does not carry.
import { describe, expect, it } from 'vitest';
import { errorCodes, errorKindFields, errorKinds } from '../../shared/errors';
import { en } from './en';
import { zhCN } from './zh-CN';

const languages = { en, 'zh-CN': zhCN };
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!);

describe.each(Object.entries(languages))('error sentences in %s', (_language, messages) => {
  const codes: Record<string, string> = messages.errors.code;
  const kinds: Record<string, string> = messages.errors.kind;

  it('has one for every error code, taking no placeholders (a code carries no facts)', () => {
    for (const code of errorCodes) {
      expect(codes[code]?.trim(), code).toBeTruthy();
      expect(placeholders(codes[code]!), code).toEqual([]);
    }
    expect(Object.keys(codes).sort()).toEqual([...errorCodes].sort());
  });

  it('has one for every details.kind, using only the facts that kind carries', () => {
    for (const kind of errorKinds) {
      expect(kinds[kind]?.trim(), kind).toBeTruthy();
      const fields = Object.keys(errorKindFields[kind]);
      for (const name of placeholders(kinds[kind]!)) expect(fields, `${kind} uses {{${name}}}`).toContain(name);
    }
    expect(Object.keys(kinds).sort()).toEqual([...errorKinds].sort());
  });
});
