/**
 * Polls `probe` until it gives a value (anything but undefined or false) and returns it; fails
 * with a message naming `what` after `timeoutMs`. For work that finishes outside the request:
 * queue jobs, the worker's emails, pub/sub messages.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
