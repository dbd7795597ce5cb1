import type { UserRole } from '../../src-shared/domain/enums';

/** The signed-in user a request acts for, as loaded from the users table. */
export interface Principal {
  id: string;
  email: string;
  role: UserRole;
}
