// A failure to prepare, initialise or start the embedded PostgreSQL server. Its
// message is meant for the person running `npm start`: what failed, where, the
// server's own last words and the command that fixes it; no stack is printed.
export class EmbeddedPostgresError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedPostgresError';
  }
}
