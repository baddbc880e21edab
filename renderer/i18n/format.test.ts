import { describe, expect, it } from 'vitest';
import { formatBytes, formatUsd } from './format';

describe('sizes and money', () => {
  it('says a size in the largest unit that fits', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 ** 2, 'en')).toBe('5 MB');
    expect(formatBytes(2.25 * 1024 ** 3, 'en')).toBe('2.3 GB');
  });

  it('gives no amount for nothing charged, so it is said as free', () => {
    expect(formatUsd(null, 'en')).toBeNull();
    expect(formatUsd(0, 'en')).toBeNull();
    expect(formatUsd(0.04, 'en')).toBe('$0.04');
    expect(formatUsd(0.0035, 'en')).toBe('$0.0035');
    expect(formatUsd(12.5, 'en')).toBe('$12.50');
  });
});
