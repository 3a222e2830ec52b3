/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation, the one used for audit
 * payload hashes, idempotency request hashes and connector callbacks.
 *
 * canonicalize 2.x is the line that supports Node 20; it is CommonJS while its
 * typings declare an ES default export, so the function is re-typed here once.
 */
import canonicalizeModule from 'canonicalize';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Canonical JSON text of `value`; `undefined` for values JSON cannot hold. */
export function canonicalJson(value: unknown): string | undefined {
  return canonicalize(value);
}
