// Ids in URLs are checked here before any query: PostgreSQL refuses a value
// that is not a UUID with an error, and a 36-character run of hex digits and
// hyphens is not necessarily one. Anything else names nothing (404).

/** The RFC 9562 text form: 8-4-4-4-12 hex digits, any case. */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
