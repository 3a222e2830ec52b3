// The bounds every request is held to, in one place so the README, the
// problem bodies and the tests quote the same numbers.

/** Largest JSON or YAML request body, in bytes (1 MiB). Attachments have their own limit (ATTACHMENT_MAX_BYTES). */
export const maxBodyBytes = 1024 * 1024;

/** Deepest nesting of arrays and objects in a JSON body; a dossier's data needs far fewer levels. */
export const maxJsonDepth = 64;

/** Largest whole number accepted in a path or query parameter or an integer body field: PostgreSQL's `integer`. */
export const maxIntegerParameter = 2_147_483_647;

/** Longest `X-Request-Id` kept as sent (and its characters): anything else gets a fresh id. */
export const maxRequestIdLength = 128;
