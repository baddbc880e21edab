import { describe, expect, it } from 'vitest';
import { thisMonth } from './spend';

describe('this month', () => {
  it("runs from the first midnight of the user's month to the next month's, over a year's end too", () => {
    const range = thisMonth(new Date(2026, 11, 31, 23, 59));
    expect(Date.parse(range.from)).toBe(new Date(2026, 11, 1).getTime());
    expect(Date.parse(range.to)).toBe(new Date(2027, 0, 1).getTime());
    expect(range.utcOffsetMinutes).toBe(-new Date(2026, 11, 31).getTimezoneOffset());
  });
});
