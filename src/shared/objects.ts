/** A plain object (not null, not an array): untrusted JSON is checked with this before its fields are read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
