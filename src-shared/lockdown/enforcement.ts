import type { LockdownPolicyId } from './policies';

/*
 * Which code enforces which lockdown policy, on which side. Every module that
 * enforces a policy exports `LOCKDOWN_ENFORCED`, an `Enforcement` naming it
 * (or one per side, for page code that runs in the Electron app and in the
 * browser build alike), so a policy id leads to its code, and a test
 * (test/integration/lockdown-enforcement.test.ts) checks that every policy
 * the table says a side enforces has a module on that side that claims it,
 * and that no module claims what its side cannot do.
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

/** What a module exports as LOCKDOWN_ENFORCED: one side's claim, or one claim per side it enforces on. */
export type ModuleEnforcement = Enforcement | readonly Enforcement[];

export const claimsOf = (enforced: ModuleEnforcement): readonly Enforcement[] =>
  'side' in enforced ? [enforced] : enforced;
