import { expect, it } from 'vitest';
import { createQuestionClock } from './question-clock';

it('accrues time per question on screen and keeps fractions for the next take', () => {
  let t = 0;
  const clock = createQuestionClock(() => t);
  clock.show('q1');
  t += 2500;
  clock.show('q2');
  t += 800;
  expect(clock.take()).toEqual(new Map([['q1', 2]]));
  t += 300;
  clock.show('q1');
  t += 600;
  expect(clock.take()).toEqual(
    new Map([
      ['q1', 1],
      ['q2', 1],
    ]),
  );
  clock.show(undefined);
  t += 10_000;
  expect(clock.take()).toEqual(new Map());
});
