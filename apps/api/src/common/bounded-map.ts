/**
 * Stores `value` under `key` as the most recently used entry (a Map keeps insertion order) and
 * drops the least recently used entries beyond `max`. The in-memory caches (InsightCache,
 * SessionCache) share it; a read that should count as use deletes and sets the entry again.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}
