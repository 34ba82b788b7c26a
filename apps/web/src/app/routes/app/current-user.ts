import { useOutletContext } from 'react-router';
import type { Me } from '@doorbraak/domain';

/** The logged-in user, as the protected layout (root.tsx) hands it to its pages. */
export function useCurrentUser(): Me {
  return useOutletContext<Me>();
}
