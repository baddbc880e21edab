import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Object.values(value as object).flatMap(leaves);
}

describe('translations', () => {
  it('zh-CN has exactly the keys en has', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it('every string keeps the same interpolation placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    const enLeaves = keys(en);
    for (const key of enLeaves) {
      const pick = (messages: unknown) => key.split('.').reduce((node: any, part) => node[part], messages) as string;
      expect(placeholders(pick(zhCN)), key).toEqual(placeholders(pick(en)));
    }
  });

  it('no zh-CN string is left empty', () => {
    expect(leaves(zhCN).filter((text) => text.trim() === '')).toEqual([]);
  });
});
