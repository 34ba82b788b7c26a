/**
 * Drafts kept in this browser's localStorage (today: the Melden draft, one per user). They are
 * removed at logout, so the next person on a shared computer does not find someone else's
 * unfinished report.
 */
const DRAFT_PREFIX = 'doorbraak.draft.';

export function draftStorageKey(kind: string, userId: string): string {
  return `${DRAFT_PREFIX}${kind}.${userId}`;
}

export function clearDrafts(storage: Storage = window.localStorage): void {
  try {
    const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
      (key): key is string => key !== null && key.startsWith(DRAFT_PREFIX),
    );
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage disabled: there is nothing to clear.
  }
}
