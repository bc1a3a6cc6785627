import { useCurrentUser } from '../auth/CurrentUser';

/**
 * Whether to offer the manager's lead tools (assign by rules, assignment rules). Only what the UI
 * offers: the core refuses these commands to anyone else.
 */
export function useManagesLeads(): boolean {
  const { user } = useCurrentUser();
  return user.role === 'admin' || user.role === 'manager';
}
