// The crash loop in every test run (a few rounds); `npm run test:crash` runs many (ATELIER_CRASH_ROUNDS).
import { describe, expect, it } from 'vitest';
import { killPoints, runCrashLoop } from './crash-loop';

const rounds = Number(process.env.ATELIER_CRASH_ROUNDS ?? killPoints.length);
const images = Number(process.env.ATELIER_CRASH_IMAGES ?? 1000);
const seed = Number(process.env.ATELIER_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('crash loop', () => {
  it(
    `survives ${rounds} SIGKILLs in a row with nothing lost, duplicated or sent twice`,
    async () => {
      console.log(`crash loop: ${rounds} rounds, ${images} images, seed ${seed} (ATELIER_CRASH_SEED replays it)`);
      const result = await runCrashLoop({ rounds, images, seed, log: (line) => console.log(line) });
      console.log(`crash loop: final ${JSON.stringify(result.final)}, ${result.images} images`);
      expect(result.problems).toEqual([]);
      expect(result.rounds).toHaveLength(rounds);
      // Every kill point came at least once in a run that has enough rounds for all.
      if (rounds >= killPoints.length * 3)
        expect(new Set(result.rounds.filter((round) => round.reached).map((round) => round.point)).size).toBe(
          killPoints.length,
        );
    },
    60_000 + rounds * 20_000,
  );
});
