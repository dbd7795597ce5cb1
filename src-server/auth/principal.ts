import type { PrincipalRole } from '../../src-shared/permissions/principal';

/**
 * Who a request acts for: a signed-in user, as loaded from the users table,
 * or an exam station (role `station`, stations.ts), whose id is the station's
 * and whose email is empty (no filter of the station's row reads it).
 */
export interface Principal {
  id: string;
  email: string;
  role: PrincipalRole;
  /** The assessments an exam station serves; absent for users. */
  assessmentIds?: readonly string[];
}
