import type { z } from 'zod';
import type { ApplicationStatus, JobRequisitionStatus } from './enums';

/*
 * THE status machines: which status changes a requisition and an
 * application may make, and who makes them. Enforced on the device (the
 * board and the forms ask `moveRefusal` before writing) and by the sync
 * server's write pipeline (src-server/sync/write/conflict-rule.ts), which
 * answers a refused change like a conflict, with the master.
 *
 * A move is one of:
 * - 'review': a person decides it (recruiters, hiring staff, admins);
 * - 'exam': the candidate's test session makes it (an exam station or the
 *   candidate's own device writes it when the test starts or is submitted).
 *   Nobody drags a card into "In progress": the test starts it.
 * A guard ties a move to a field of the row: an application that was never
 * completed cannot be shortlisted, and a rejected one goes back to where its
 * test left it.
 */

type RequisitionStatus = z.infer<typeof JobRequisitionStatus>;
type ApplicationStatusValue = z.infer<typeof ApplicationStatus>;

export type MoveBy = 'review' | 'exam';

export interface Move<S extends string> {
  to: S;
  by: MoveBy;
  /** The row must have this field set ('present') or unset ('absent') for the move. */
  guard?: { field: string; is: 'present' | 'absent'; because: string };
}

export interface StatusMachine<S extends string> {
  field: 'status';
  /** Statuses a new row may start in. */
  initial: readonly S[];
  moves: Readonly<Record<S, readonly Move<S>[]>>;
  /** Why a person cannot move a row into a status from where it is (shown when the move is refused). */
  entered?: Partial<Record<S, string>>;
}

const review = <S extends string>(to: S, guard?: Move<S>['guard']): Move<S> => ({ to, by: 'review', guard });
const exam = <S extends string>(to: S): Move<S> => ({ to, by: 'exam' });

// The rule: draft → open, open ⇄ paused, open or paused → closed, filled or cancelled.
export const requisitionMachine: StatusMachine<RequisitionStatus> = {
  field: 'status',
  initial: ['draft', 'open'],
  moves: {
    draft: [review('open')],
    open: [review('paused'), review('closed'), review('filled'), review('cancelled')],
    paused: [review('open'), review('closed'), review('filled'), review('cancelled')],
    closed: [],
    filled: [],
    cancelled: [],
  },
};

const COMPLETED = {
  field: 'completed_at',
  is: 'present',
  because: 'the candidate has not completed the assessment',
} as const;
const NOT_COMPLETED = {
  field: 'completed_at',
  is: 'absent',
  because: 'the candidate has completed the assessment: reconsider them as Completed',
} as const;

export const applicationMachine: StatusMachine<ApplicationStatusValue> = {
  field: 'status',
  initial: ['pending', 'in_progress', 'completed'],
  moves: {
    // A test submitted offline may arrive as one change, pending → completed.
    pending: [exam('in_progress'), exam('completed'), review('rejected')],
    in_progress: [exam('completed'), review('rejected')],
    completed: [review('shortlisted'), review('rejected')],
    shortlisted: [review('completed'), review('rejected')],
    // Reconsidered: back to where the test left the application.
    rejected: [review('pending', NOT_COMPLETED), review('completed', COMPLETED), review('shortlisted', COMPLETED)],
  },
  entered: {
    in_progress: 'in progress follows the test: it starts when the candidate starts the assessment',
    completed: 'completed follows the test: it is set when the candidate submits the assessment',
  },
};

export const statusMachines = {
  job_requisition: requisitionMachine,
  assessment_application: applicationMachine,
} as const;

export type MachineKind = keyof typeof statusMachines;

export function hasStatusMachine(kind: string): kind is MachineKind {
  return Object.prototype.hasOwnProperty.call(statusMachines, kind);
}

type Row = Readonly<Record<string, unknown>>;

const words = (status: string) => status.replace(/_/g, ' ');

function fieldSet(row: Row, field: string): boolean {
  return row[field] !== undefined && row[field] !== null && row[field] !== '';
}

/**
 * Why `machine` refuses to take `row` (as it is stored) to `to`, by a move of
 * kind `by`, or undefined when it may. `row` is what the move starts from;
 * a guard is judged on it.
 */
export function moveRefusal<S extends string>(
  machine: StatusMachine<S>,
  row: Row,
  to: S,
  by: MoveBy,
): string | undefined {
  const from = row[machine.field] as S;
  if (from === to) return undefined;
  const move = machine.moves[from]?.find((m) => m.to === to);
  if (!move || move.by !== by) {
    if (by === 'review' && machine.entered?.[to]) return machine.entered[to];
    const allowed = (machine.moves[from] ?? []).filter((m) => m.by === by).map((m) => words(m.to));
    return allowed.length
      ? `${words(from)} cannot move to ${words(to)} (allowed: ${allowed.join(', ')})`
      : `${words(from)} is final: it cannot move to ${words(to)}`;
  }
  if (move.guard && fieldSet(row, move.guard.field) !== (move.guard.is === 'present')) return move.guard.because;
  return undefined;
}

/** Whether a person may ever move an application from `from` to `to` (guards aside). */
export function isReviewMove(from: string, to: string): boolean {
  const moves = (applicationMachine.moves as Record<string, readonly Move<string>[] | undefined>)[from];
  return moves?.some((m) => m.to === to && m.by === 'review') ?? false;
}

/** Statuses `row` may move to now by a move of kind `by`, in the machine's order. */
export function allowedMoves<S extends string>(machine: StatusMachine<S>, row: Row, by: MoveBy): S[] {
  const from = row[machine.field] as S;
  return (machine.moves[from] ?? []).filter((m) => moveRefusal(machine, row, m.to, by) === undefined).map((m) => m.to);
}

/**
 * Why a write taking `current` to `next` breaks the kind's machine, or
 * undefined. Without `current` it is a creation: the status must be an
 * initial one, unless the writer may make every kind of move (admins, who
 * import and repair rows). The server cannot tell from the row who made a
 * change, so `roleMoves` says which kinds of move the writer may make.
 */
export function transitionRefusal(
  kind: MachineKind,
  current: Row | undefined,
  next: Row,
  roleMoves: readonly MoveBy[],
): string | undefined {
  const machine = statusMachines[kind] as StatusMachine<string>;
  const to = next[machine.field] as string;
  if (!current) {
    const everyKind = (['review', 'exam'] as const).every((by) => roleMoves.includes(by));
    return everyKind || machine.initial.includes(to)
      ? undefined
      : `a new row cannot start as ${to} (allowed: ${machine.initial.join(', ')})`;
  }
  const from = current[machine.field] as string;
  if (from === to) return undefined;
  if (!roleMoves.length) return `status cannot change from ${words(from)}: this role changes no status`;
  // The guard is judged on the row as it will be: a submission sets completed_at with the move.
  const refusals = roleMoves.map((by) => moveRefusal(machine, { ...next, [machine.field]: from }, to, by));
  return refusals.includes(undefined) ? undefined : refusals[0];
}
