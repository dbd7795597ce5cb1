import { describe, expect, it } from 'vitest';
import { EventMachine, conditionOf, type MachineEvent } from './event-machine';
import type { FrameFace, FrameObservation } from './types';

/* Synthetic sequences of frames at 4 frames a second, as the detector delivers them. */

const centred: FrameFace = { box: { x: 0.35, y: 0.3, width: 0.3, height: 0.4 }, score: 0.9 };
const beside: FrameFace = { box: { x: 0.75, y: 0.3, width: 0.15, height: 0.2 }, score: 0.7 };
const offCentre: FrameFace = { box: { x: 0.02, y: 0.3, width: 0.2, height: 0.3 }, score: 0.8 };
const cutOff: FrameFace = { box: { x: 0.7, y: 0.3, width: 0.4, height: 0.4 }, score: 0.6 };

const FRAME_MS = 250;
const faces = { one: [centred], none: [], two: [centred, beside], off: [offCentre], cut: [cutOff] };
type Shot = keyof typeof faces;

/** `count` frames of `shot`, continuing from frame number `from`. */
function frames(plan: [Shot, number][], start = 0): FrameObservation[] {
  const out: FrameObservation[] = [];
  let n = start;
  for (const [shot, count] of plan)
    for (let i = 0; i < count; i++) out.push({ at: 1_000_000 + n++ * FRAME_MS, faces: faces[shot] });
  return out;
}

function run(machine: EventMachine, sequence: FrameObservation[]): MachineEvent[] {
  return sequence.flatMap((f) => machine.observe(f));
}

const closed = (events: MachineEvent[]) =>
  events.filter((e) => e.kind === 'closed').map((e) => ({ type: e.type, seconds: (e.endedAt - e.startedAt) / 1000 }));

describe('the event machine', () => {
  it('turns a stretch without a face into one no_face event, from its first frame to the first frame back', () => {
    const events = run(
      new EventMachine(),
      frames([
        ['one', 8],
        ['none', 20],
        ['one', 8],
      ]),
    );
    expect(events.map((e) => [e.kind, e.type])).toEqual([
      ['opened', 'no_face'],
      ['closed', 'no_face'],
    ]);
    expect(closed(events)).toEqual([{ type: 'no_face', seconds: 5 }]);
    const opened = events[0]!;
    expect(opened.kind === 'opened' && opened.confirmedAt - opened.startedAt).toBe(1000);
  });

  it('never makes an event of a single bad frame, or of a few too short to confirm', () => {
    for (const shot of ['none', 'two', 'off', 'cut'] as const) {
      const sequence = frames([
        ['one', 8],
        [shot, 1],
        ['one', 8],
        [shot, 4],
        ['one', 8],
      ]);
      expect(run(new EventMachine(), sequence), shot).toEqual([]);
    }
  });

  it('does not split an event on one good frame inside a bad stretch', () => {
    const events = run(
      new EventMachine(),
      frames([
        ['two', 10],
        ['one', 1],
        ['two', 10],
        ['one', 4],
      ]),
    );
    expect(closed(events)).toEqual([{ type: 'multiple_faces', seconds: 5.25 }]);
    const evidence = events.find((e) => e.kind === 'closed')!.evidence;
    expect(evidence.maxFaces).toBe(2);
    expect(evidence.frames).toBe(20);
    expect(evidence.faces).toEqual([centred, beside]);
  });

  it('tells an off-centre face from one cut off by the frame edge', () => {
    expect(conditionOf([centred])).toBeUndefined();
    expect(conditionOf([offCentre])).toEqual({ condition: 'face_not_centered', reason: 'off_centre' });
    expect(conditionOf([cutOff])).toEqual({ condition: 'face_not_centered', reason: 'out_of_frame' });
    const events = run(
      new EventMachine(),
      frames([
        ['one', 4],
        ['cut', 12],
        ['one', 4],
      ]),
    );
    expect(closed(events)).toEqual([{ type: 'face_not_centered', seconds: 3 }]);
    expect(events[0]!.evidence.reason).toBe('out_of_frame');
  });

  it('ends one condition and starts the next when the picture changes from two faces to none', () => {
    const events = run(
      new EventMachine(),
      frames([
        ['two', 8],
        ['none', 12],
        ['one', 4],
      ]),
    );
    expect(events.map((e) => `${e.kind} ${e.type}`)).toEqual([
      'opened multiple_faces',
      'closed multiple_faces',
      'opened no_face',
      'closed no_face',
    ]);
    expect(closed(events)).toEqual([
      { type: 'multiple_faces', seconds: 2 },
      { type: 'no_face', seconds: 3 },
    ]);
  });

  it('needs both enough frames and enough time: a burst of frames in 200 ms is not an event', () => {
    const machine = new EventMachine();
    const burst = [0, 50, 100, 150, 200].map((ms) => ({ at: 5_000 + ms, faces: [] }));
    expect(run(machine, burst)).toEqual([]);
  });

  it('opens camera_unavailable at once when the camera is lost, ending face events at that moment', () => {
    const machine = new EventMachine();
    const before = run(machine, frames([['none', 8]]));
    expect(before.map((e) => e.kind)).toEqual(['opened']);
    const lostAt = 1_000_000 + 8 * FRAME_MS;
    const lost = machine.cameraLost(lostAt, 'ended');
    expect(lost.map((e) => `${e.kind} ${e.type}`)).toEqual(['closed no_face', 'opened camera_unavailable']);
    // Frames that still trickle in while the camera is down are ignored.
    expect(run(machine, frames([['none', 4]], 8))).toEqual([]);
    const back = machine.cameraRestored(lostAt + 12_000);
    expect(closed(back)).toEqual([{ type: 'camera_unavailable', seconds: 12 }]);
    expect(back[0]!.evidence.problem).toBe('ended');
    expect(machine.openEvents()).toEqual([]);
  });

  it('closes whatever is open when the exam ends, and drops what was not yet confirmed', () => {
    const machine = new EventMachine();
    run(machine, frames([['two', 8]]));
    const end = machine.finish(1_000_000 + 8 * FRAME_MS);
    expect(closed(end)).toEqual([{ type: 'multiple_faces', seconds: 2 }]);
    const other = new EventMachine();
    run(other, frames([['two', 2]]));
    expect(other.finish(1_000_000 + 2 * FRAME_MS)).toEqual([]);
  });

  it('ignores a frame older than one already seen', () => {
    const machine = new EventMachine();
    const sequence = frames([
      ['one', 4],
      ['none', 2],
    ]);
    run(machine, sequence);
    expect(machine.observe({ at: sequence[0]!.at, faces: [] })).toEqual([]);
    expect(machine.openEvents()).toEqual([]);
  });
});
