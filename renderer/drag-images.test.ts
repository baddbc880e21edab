import { describe, expect, it } from 'vitest';
import { carriesImages, imageDragType, readImageDragData, setImageDragData } from './drag-images';

/** The part of DataTransfer a drag between our own elements uses. */
function transfer(): DataTransfer {
  const data = new Map<string, string>();
  return {
    effectAllowed: 'none',
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    get types() {
      return [...data.keys()];
    },
  } as unknown as DataTransfer;
}

describe('library images dragged inside the window', () => {
  it('carry their ids, in order, under one type; anything else reads as none', () => {
    const event = { dataTransfer: transfer() };
    expect(carriesImages(event)).toBe(false);
    setImageDragData(event, ['0123456789abcdef', 'fedcba9876543210']);
    expect(carriesImages(event)).toBe(true);
    expect(event.dataTransfer.effectAllowed).toBe('copy');
    expect(readImageDragData(event)).toEqual(['0123456789abcdef', 'fedcba9876543210']);

    const other = { dataTransfer: transfer() };
    other.dataTransfer.setData(imageDragType, '../etc/passwd,0123456789abcdef');
    expect(readImageDragData(other)).toEqual(['0123456789abcdef']);
    expect(readImageDragData({ dataTransfer: transfer() })).toEqual([]);
  });
});
