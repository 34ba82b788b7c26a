/** "3.500", "3 500" and "3500" all mean 3500; empty is `undefined`; anything else is NaN (fails validation). */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value.replace(/[\s.]/g, '') : '';
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
