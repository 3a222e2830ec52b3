// YAML text → plain value, keeping the source positions so every later check can
// point at file:line:col. Parsing never throws: syntax errors become diagnostics.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from './diagnostic.ts';
import { explainYamlError } from './explain-yaml-error.ts';

export type PathSegment = string | number;

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  value: unknown;
}

export function parseYamlSource(text: string, file: string): { source: YamlSource | null; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  // An unresolved tag is only a warning to the library, but here it is always a
  // mistake: an unquoted `!data.x` silently becomes an empty value.
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems.map((error) => explainYamlError(text, error, lineCounter)))
    // Two library errors can explain the same mistake (a too-deep key raises two).
    if (!diagnostics.some((d) => d.line === problem.line && d.col === problem.col && d.message === problem.message)) diagnostics.push({ file, ...problem, path: '' });
  if (diagnostics.length > 0) return { source: null, diagnostics };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    // Aliases fail only here: an alias before its anchor, or an alias bomb past maxAliasCount.
    const pos = lineCounter.linePos(firstAliasOffset(doc));
    return { source: null, diagnostics: [{ file, line: pos.line, col: pos.col, message: `YAML syntax: ${firstLine(error instanceof Error ? error.message : String(error))}`, path: '' }] };
  }
  return { source: { file, doc, lineCounter, value }, diagnostics: [] };
}

/**
 * Position of the node at `path`; with `key: true` the position of the key that
 * names it (for "unknown key" messages). Falls back to the nearest existing
 * ancestor so a missing field points at the object that should hold it.
 */
export function locate(source: YamlSource, path: PathSegment[], options: { key?: boolean } = {}): { line: number; col: number } {
  let node: unknown = source.doc.contents;
  let best: Node | null = (source.doc.contents as Node | null) ?? null;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      if (last && options.key && isScalar(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
      if (node && (node as Node).range) best = node as Node;
      else if (isScalar(pair.key)) best = pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (!node) break;
      if ((node as Node).range) best = node as Node;
    } else {
      break;
    }
  }
  const offset = best?.range?.[0] ?? 0;
  return source.lineCounter.linePos(offset);
}

export function diagnosticAt(source: YamlSource, path: PathSegment[], message: string, options: { key?: boolean } = {}): Diagnostic {
  const pos = locate(source, path, options);
  return { file: source.file, line: pos.line, col: pos.col, message, path: path.join('.') };
}

/** Offset of the first alias that does not resolve, else of the first alias, else 0. */
function firstAliasOffset(doc: Document.Parsed): number {
  let unresolved: number | null = null;
  let first: number | null = null;
  visit(doc, {
    Alias(_key, node) {
      first ??= node.range?.[0] ?? null;
      if (unresolved === null && !node.resolve(doc)) unresolved = node.range?.[0] ?? null;
    },
  });
  return unresolved ?? first ?? 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
