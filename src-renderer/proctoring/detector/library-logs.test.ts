import { expect, it, vi } from 'vitest';
import { routeLibraryInfoToDebug } from './library-logs';

it("sends MediaPipe's informational lines to debug and keeps real errors as errors", () => {
  const target = { error: vi.fn(), debug: vi.fn() };
  const error = target.error;
  const undo = routeLibraryInfoToDebug(target);
  target.error('INFO: Created TensorFlow Lite XNNPACK delegate for CPU.');
  target.error('I1204 03:39:27.472000 2136208 graph.cc:12] Graph started');
  target.error('E1204 03:39:27.472000 2136208 graph.cc:12] Graph failed');
  target.error(new Error('worker failed'));
  expect(target.debug.mock.calls.map((c) => c[0])).toEqual([
    'INFO: Created TensorFlow Lite XNNPACK delegate for CPU.',
    'I1204 03:39:27.472000 2136208 graph.cc:12] Graph started',
  ]);
  expect(error.mock.calls.map((c) => String(c[0]))).toEqual([
    'E1204 03:39:27.472000 2136208 graph.cc:12] Graph failed',
    'Error: worker failed',
  ]);
  undo();
  expect(target.error).toBe(error);
});
