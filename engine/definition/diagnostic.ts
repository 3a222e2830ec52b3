// A positioned problem in a definition file. Every validator in engine/definition
// reports these, all at once, so an author fixes everything in one pass.

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
  /** Path inside the document, e.g. "states.reception.on.ACCEPT.target". */
  path: string;
  /** Absent means an error: the definition does not load. A warning never stops it. */
  severity?: 'warning';
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
