import { expect, it, vi } from 'vitest';
import { routeRxdbBannerToDebug } from './rxdb-banner';

it("sends RxDB's premium banner to debug and keeps other warnings as warnings", () => {
  const target = { warn: vi.fn(), debug: vi.fn() };
  const warn = target.warn;
  routeRxdbBannerToDebug(target);
  const banner = [
    '-------------- RxDB Open Core RxStorage -------------------------------',
    'You are using the free Dexie.js based RxStorage implementation from RxDB',
  ].join('\n');
  target.warn(banner);
  target.warn('Sync could not start');
  expect(target.debug.mock.calls.map((c) => c[0])).toEqual([banner]);
  expect(warn.mock.calls.map((c) => c[0])).toEqual(['Sync could not start']);
});
