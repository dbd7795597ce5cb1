/// <reference lib="dom" />

/*
 * Main-thread long tasks (≥ 50 ms, PerformanceObserver 'longtask') over a
 * window, with what Chromium's Long Animation Frames API says ran in them
 * (scripts with their invoker, source and duration; style and layout), for
 * attributing each one in the log.
 */

/** The parts of PerformanceScriptTiming (long-animation-frame) read here; not in TypeScript's DOM lib yet. */
interface ScriptTiming {
  startTime: number;
  duration: number;
  invoker: string;
  invokerType: string;
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  forcedStyleAndLayoutDuration: number;
}

interface AnimationFrameTiming extends PerformanceEntry {
  styleAndLayoutStart: number;
  renderStart: number;
  blockingDuration: number;
  scripts: readonly ScriptTiming[];
}

export interface LongTask {
  /** ms since the window began. */
  at: number;
  duration: number;
  /** What ran in it, as far as Chromium can tell; empty when no script did (GC, style, layout, idle callbacks). */
  scripts: string[];
  /** Style and layout of the frame the task ended in, ms. */
  styleAndLayout: number;
}

export interface LongTaskWatch {
  /** Stops observing and returns the long tasks seen since the watch began. */
  stop(): LongTask[];
}

export interface FrameGaps {
  /** Longest time between two animation frames, ms: the worst stall below the long-task threshold too. */
  longest: number;
  /** Gaps over 50 ms (a frame the user would see late): when they ended, ms since the watch began, and how long. */
  over50: { at: number; gap: number }[];
  frames: number;
}

/** Times between requestAnimationFrame callbacks until stop(): jank that shorter tasks add up to. */
export function watchFrameGaps(): { stop(): FrameGaps } {
  const origin = performance.now();
  let last = origin;
  let longest = 0;
  const over50: FrameGaps['over50'] = [];
  let frames = 0;
  let handle = requestAnimationFrame(function frame(now) {
    const gap = now - last;
    last = now;
    frames += 1;
    longest = Math.max(longest, gap);
    if (gap > 50) over50.push({ at: now - origin, gap });
    handle = requestAnimationFrame(frame);
  });
  return {
    stop() {
      cancelAnimationFrame(handle);
      return { longest, over50, frames };
    },
  };
}

const file = (url: string) => url.slice(url.lastIndexOf('/') + 1) || url || '(no source)';

function describe(script: ScriptTiming): string {
  const where = `${file(script.sourceURL)}:${script.sourceCharPosition}`;
  const what = script.sourceFunctionName ? `${script.sourceFunctionName}() ` : '';
  return `${script.invoker || script.invokerType} → ${what}${where} ${script.duration.toFixed(0)} ms`;
}

export function watchLongTasks(): LongTaskWatch {
  const supported = PerformanceObserver.supportedEntryTypes;
  if (!supported.includes('longtask')) throw new Error('this browser reports no longtask entries');
  const origin = performance.now();
  const tasks: PerformanceEntry[] = [];
  const frames: AnimationFrameTiming[] = [];
  const taskObserver = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  taskObserver.observe({ type: 'longtask' });
  const frameObserver = supported.includes('long-animation-frame')
    ? new PerformanceObserver((list) => frames.push(...(list.getEntries() as AnimationFrameTiming[])))
    : undefined;
  frameObserver?.observe({ type: 'long-animation-frame' });

  return {
    stop() {
      tasks.push(...taskObserver.takeRecords());
      taskObserver.disconnect();
      frames.push(...((frameObserver?.takeRecords() ?? []) as AnimationFrameTiming[]));
      frameObserver?.disconnect();
      // Without `buffered` the observer sees only tasks that end from now on.
      return tasks.map((task) => {
        const end = task.startTime + task.duration;
        const frame = frames.find((f) => f.startTime <= task.startTime + 1 && f.startTime + f.duration >= end - 1);
        const scripts = (frame?.scripts ?? []).filter(
          (s) => s.startTime + s.duration >= task.startTime && s.startTime <= end,
        );
        return {
          at: task.startTime - origin,
          duration: task.duration,
          scripts: scripts.map(describe),
          styleAndLayout: frame?.styleAndLayoutStart ? frame.startTime + frame.duration - frame.styleAndLayoutStart : 0,
        };
      });
    },
  };
}
