// The semaphore behind the engine's intake stage: a limit, a fair line, and a cancelled wait that
// leaves the line without taking a slot.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { Slots } from './slots';

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('slots', () => {
  it('grants up to the limit, then in order as slots come back', async () => {
    const slots = new Slots(2);
    const first = await slots.acquire();
    await slots.acquire();
    const granted: string[] = [];
    void slots.acquire().then(() => granted.push('third'));
    void slots.acquire().then(() => granted.push('fourth'));
    await settled();
    expect(granted).toEqual([]);
    first();
    first(); // a second call gives nothing back twice
    await settled();
    expect(granted).toEqual(['third']);
  });

  it('a cancelled wait leaves the line and takes no slot', async () => {
    const slots = new Slots(1);
    const held = await slots.acquire();
    const controller = new AbortController();
    const abandoned = slots.acquire(controller.signal);
    const next = slots.acquire();
    controller.abort();
    const error = await abandoned.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('cancelled');
    held();
    const release = await next;
    release();
    // Both slots are free again: one acquire succeeds at once.
    await expect(Promise.race([slots.acquire().then(() => 'granted'), settled().then(() => 'waiting')])).resolves.toBe(
      'granted',
    );
  });

  it('an already cancelled signal is refused at once', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(new Slots(1).acquire(controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });
});
