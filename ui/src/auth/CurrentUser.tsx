import { createContext, useContext } from 'react';
import type { User } from '../ipc/client';

export interface CurrentUser {
  user: User;
  /** The core enforces every rule; this only decides what the UI offers. */
  isAdmin: boolean;
  /** Ends the session, forgets everything loaded for this user and shows the sign-in screen. */
  signOut: () => Promise<void>;
}

export const CurrentUserContext = createContext<CurrentUser | null>(null);

/** Who is signed in; only inside the AuthGate, where someone always is. */
export function useCurrentUser(): CurrentUser {
  const current = useContext(CurrentUserContext);
  if (!current) throw new Error('useCurrentUser outside AuthGate');
  return current;
}
