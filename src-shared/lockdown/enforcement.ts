import type { LockdownPolicyId } from './policies';

/*
 * Which code enforces which lockdown policy, on which side. Every module that
 * enforces a policy exports an `Enforcement` naming it, so a policy id leads
 * to its code, and a test (test/integration/lockdown-enforcement.test.ts)
 * checks that every policy the table says a side enforces has a module on
 * that side that claims it, and that no module claims what its side cannot do.
 */

export type LockdownSide = 'electron' | 'browser';

export interface Enforcement {
  side: LockdownSide;
  policies: readonly LockdownPolicyId[];
}

export const enforces = (side: LockdownSide, policies: readonly LockdownPolicyId[]): Enforcement => ({
  side,
  policies,
});
