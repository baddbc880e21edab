/** Thrown when the keychain does not answer in time (a Secret Service that never replies, a hidden prompt). */
export class TimeoutError extends Error {}

/**
 * Races a promise against a timer. The timer is unref'd so it never keeps a CLI process alive;
 * the losing promise is left to settle on its own (a native keychain call cannot be cancelled).
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${ms / 1000} s`)), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
