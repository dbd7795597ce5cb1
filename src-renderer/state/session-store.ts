import { create } from 'zustand';
import type { UserRole } from '@shared/domain/enums';

/** Who is signed in to this window. Only what the UI needs: never a password or token. */
export interface SessionUser {
  id: string;
  email: string;
  full_name: string;
  role: UserRole;
  /**
   * The sync server the account belongs to; absent for accounts that exist
   * on this device only (demo data). Decides which database the window opens.
   */
  server?: string;
}

interface SessionState {
  user: SessionUser | null;
  /** ISO time of the sign-in, for display and (later) session expiry. */
  signedInAt: string | null;
  signIn: (user: SessionUser, at?: Date) => void;
  signOut: () => void;
}

/*
 * Kept in memory only: a reload or a new window asks for the password again,
 * which is what a shared exam or recruitment workstation should do.
 */
export const useSessionStore = create<SessionState>()((set) => ({
  user: null,
  signedInAt: null,
  signIn: (user, at = new Date()) => set({ user, signedInAt: at.toISOString() }),
  signOut: () => set({ user: null, signedInAt: null }),
}));

/** The signed-in user; for components that only render inside the signed-in layout. */
export function useSignedInUser(): SessionUser {
  const user = useSessionStore((s) => s.user);
  if (!user) throw new Error('useSignedInUser used outside a signed-in view');
  return user;
}
