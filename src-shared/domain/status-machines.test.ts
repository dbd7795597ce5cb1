import { describe, expect, it } from 'vitest';
import { ApplicationStatus, JobRequisitionStatus } from './enums';
import {
  allowedMoves,
  applicationMachine,
  moveRefusal,
  requisitionMachine,
  transitionRefusal,
  type MoveBy,
} from './status-machines';

// Every cell of the requisition machine: from × to, as the issue states it.
const requisitionAllowed: Record<string, string[]> = {
  draft: ['open'],
  open: ['paused', 'closed', 'filled', 'cancelled'],
  paused: ['open', 'closed', 'filled', 'cancelled'],
  closed: [],
  filled: [],
  cancelled: [],
};

describe('requisition status', () => {
  for (const from of JobRequisitionStatus.options) {
    for (const to of JobRequisitionStatus.options) {
      if (from === to) continue;
      const allowed = requisitionAllowed[from]!.includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const refusal = moveRefusal(requisitionMachine, { status: from }, to, 'review');
        if (allowed) expect(refusal).toBeUndefined();
        else expect(refusal).toMatch(from === 'draft' ? /allowed: open/ : /cannot move|final/);
      });
    }
  }

  it('names the final statuses as final', () => {
    expect(moveRefusal(requisitionMachine, { status: 'filled' }, 'open', 'review')).toBe(
      'filled is final: it cannot move to open',
    );
  });

  it('a new requisition starts as a draft or open, not closed', () => {
    expect(transitionRefusal('job_requisition', undefined, { status: 'draft' }, ['review'])).toBeUndefined();
    expect(transitionRefusal('job_requisition', undefined, { status: 'open' }, ['review'])).toBeUndefined();
    expect(transitionRefusal('job_requisition', undefined, { status: 'filled' }, ['review'])).toMatch(
      /cannot start as filled/,
    );
  });
});

type Case = [from: string, to: string, by: MoveBy, completed: boolean, allowed: boolean | RegExp];

// Application moves: the exam's and a person's, with the completed_at guard.
const applicationCases: Case[] = [
  ['pending', 'in_progress', 'exam', false, true],
  ['pending', 'completed', 'exam', true, true],
  ['in_progress', 'completed', 'exam', true, true],
  ['pending', 'rejected', 'review', false, true],
  ['in_progress', 'rejected', 'review', false, true],
  ['completed', 'shortlisted', 'review', true, true],
  ['completed', 'rejected', 'review', true, true],
  ['shortlisted', 'rejected', 'review', true, true],
  ['shortlisted', 'completed', 'review', true, true],
  ['rejected', 'pending', 'review', false, true],
  ['rejected', 'completed', 'review', true, true],
  ['rejected', 'shortlisted', 'review', true, true],
  // A person never starts or completes a test.
  ['pending', 'in_progress', 'review', false, /follows the test: it starts/],
  ['in_progress', 'completed', 'review', false, /follows the test: it is set when/],
  ['pending', 'completed', 'review', false, /follows the test/],
  // Nor shortlists someone who never took it, or reopens a completed test.
  ['pending', 'shortlisted', 'review', false, /pending cannot move to shortlisted \(allowed: rejected\)/],
  ['rejected', 'shortlisted', 'review', false, /has not completed the assessment/],
  ['rejected', 'completed', 'review', false, /has not completed the assessment/],
  ['rejected', 'pending', 'review', true, /has completed the assessment/],
  ['completed', 'pending', 'review', true, /completed cannot move to pending/],
  ['completed', 'in_progress', 'exam', true, /cannot move/],
  // The test cannot decide for a person.
  ['completed', 'shortlisted', 'exam', true, /cannot move to shortlisted/],
  ['in_progress', 'rejected', 'exam', false, /cannot move to rejected/],
];

describe('application status', () => {
  for (const [from, to, by, completed, allowed] of applicationCases) {
    const row = { status: from, ...(completed ? { completed_at: '2026-12-01T10:00:00.000Z' } : {}) };
    it(`${from} → ${to} by ${by}${completed ? ' (completed)' : ''}: ${allowed === true ? 'allowed' : 'refused'}`, () => {
      const refusal = moveRefusal(applicationMachine, row, to as never, by);
      if (allowed === true) expect(refusal).toBeUndefined();
      else expect(refusal).toMatch(allowed as RegExp);
    });
  }

  it('every status of the enum has its row in the machine', () => {
    expect(Object.keys(applicationMachine.moves).sort()).toEqual([...ApplicationStatus.options].sort());
    expect(Object.keys(requisitionMachine.moves).sort()).toEqual([...JobRequisitionStatus.options].sort());
  });

  it('lists the moves a reviewer may make from where the card is', () => {
    expect(allowedMoves(applicationMachine, { status: 'completed', completed_at: 'x' }, 'review')).toEqual([
      'shortlisted',
      'rejected',
    ]);
    expect(allowedMoves(applicationMachine, { status: 'rejected' }, 'review')).toEqual(['pending']);
    expect(allowedMoves(applicationMachine, { status: 'pending' }, 'exam')).toEqual(['in_progress', 'completed']);
  });

  it('judges a write by the moves the writer may make, and the guard on the row as written', () => {
    const staff: MoveBy[] = ['review'];
    const station: MoveBy[] = ['exam'];
    const submitted = { status: 'completed', completed_at: '2026-12-01T10:00:00.000Z' };
    expect(transitionRefusal('assessment_application', { status: 'in_progress' }, submitted, station)).toBeUndefined();
    expect(transitionRefusal('assessment_application', { status: 'in_progress' }, submitted, staff)).toMatch(
      /follows the test/,
    );
    expect(
      transitionRefusal('assessment_application', submitted, { ...submitted, status: 'shortlisted' }, staff),
    ).toBeUndefined();
    expect(
      transitionRefusal('assessment_application', submitted, { ...submitted, status: 'shortlisted' }, station),
    ).toMatch(/cannot move/);
    // Admins may make either kind of move.
    expect(
      transitionRefusal('assessment_application', { status: 'in_progress' }, submitted, ['review', 'exam']),
    ).toBeUndefined();
    expect(transitionRefusal('assessment_application', undefined, { status: 'shortlisted' }, staff)).toMatch(
      /cannot start as shortlisted/,
    );
    expect(
      transitionRefusal('assessment_application', undefined, { status: 'shortlisted' }, ['review', 'exam']),
    ).toBeUndefined();
    // A role that makes no kind of move changes no status, though it may write the row.
    expect(transitionRefusal('assessment_application', submitted, { ...submitted, status: 'rejected' }, [])).toMatch(
      /changes no status/,
    );
    expect(transitionRefusal('assessment_application', submitted, submitted, [])).toBeUndefined();
    // A write that leaves the status alone is not a move.
    expect(transitionRefusal('assessment_application', submitted, submitted, station)).toBeUndefined();
  });
});
