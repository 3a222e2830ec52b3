// The YAML library's syntax errors in plain words, at the line of the mistake.
// The library notices a bad indentation or an unclosed `{` only where it trips
// over it — often the line after the mistake — and words it in parser terms
// ("Flow map in block collection must be sufficiently indented…"). This reads
// the text around the error to say which line is wrong and how to fix it.
// Errors it does not recognise keep the library's first line.
import type { LineCounter, YAMLError, YAMLWarning } from 'yaml';

export interface YamlProblem {
  line: number;
  col: number;
  message: string;
}

/** One problem per YAML error or warning (1-based line and column). */
export function explainYamlError(text: string, error: YAMLError | YAMLWarning, lineCounter: LineCounter): YamlProblem {
  const lines = text.split(/\r?\n/);
  const at = lineCounter.linePos(error.pos[0]);
  const fallback = { line: at.line, col: at.col, message: `YAML syntax: ${firstLine(error.message)}` };
  switch (error.code) {
    case 'TAG_RESOLVE_FAILED': {
      // `when: !data.x` — YAML reads `!data.x` as a tag, and the value left over is empty.
      const rest = (lines[at.line - 1] ?? '').slice(at.col - 1).replace(/\s+#.*$/, '').trim();
      return { ...fallback, message: `YAML syntax: ${rest.split(/\s/)[0]} is read as a YAML tag, not as text: a value starting with ! must be quoted — write "${rest.replace(/"/g, '\\"')}"` };
    }
    case 'DUPLICATE_KEY': {
      const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(lines[at.line - 1] ?? '')?.[1];
      return key ? { ...fallback, message: `YAML syntax: '${key}' is written twice in the same mapping; keep one` } : fallback;
    }
    case 'TAB_AS_INDENT':
      return { ...fallback, message: `YAML indentation: line ${at.line} is indented with a tab; YAML indents with spaces only — replace the tab with spaces` };
    case 'BAD_INDENT': {
      const flow = /^Flow (map|sequence)/.exec(error.message);
      if (flow) return explainUnclosedFlow(lines, at.line, flow[1] === 'map' ? '{' : '[') ?? fallback;
      if (error.message.startsWith('All mapping items must start at the same column')) return explainMisaligned(lines, at.line) ?? fallback;
      return fallback;
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return explainTooDeep(lines, at.line) ?? fallback;
    default:
      return fallback;
  }
}

interface ContentLine {
  number: number;
  indent: number;
  key: string | null;
}

function contentLine(lines: string[], number: number): ContentLine | null {
  const text = lines[number - 1];
  if (text === undefined || /^\s*(#.*)?$/.test(text)) return null;
  const indent = /^ */.exec(text)![0].length;
  const key = /^\s*(?:-\s+)?([^:#{[\s][^:#]*?)\s*:(\s|$)/.exec(text)?.[1] ?? null;
  return { number, indent, key };
}

/** The columns a key may start at below `from`: the chain of ever shallower lines above it. */
function openColumns(lines: string[], from: number): ContentLine[] {
  const chain: ContentLine[] = [];
  for (let n = from; n >= 1; n--) {
    const line = contentLine(lines, n);
    if (!line) continue;
    if (chain.length === 0 || line.indent < chain[chain.length - 1]!.indent) chain.push(line);
    if (line.indent === 0) break;
  }
  return chain;
}

function describeLine(line: ContentLine): string {
  return line.key ? `'${line.key}'` : `line ${line.number}`;
}

function fixFor(lines: string[], number: number, indent: number, above: number): string {
  const chain = openColumns(lines, above);
  const deeper = [...chain].reverse().find((l) => l.indent > indent);
  const shallower = chain.find((l) => l.indent < indent);
  const options = [deeper, shallower].filter((l): l is ContentLine => l !== undefined).map((l) => `${l.indent} spaces to put it beside ${describeLine(l)}`);
  return options.length ? `indent it ${options.join(', or ')}` : 'line it up with the keys above it';
}

/** A key indented between two levels (`   on:` under `    status: 1`). */
function explainMisaligned(lines: string[], number: number): YamlProblem | null {
  const line = contentLine(lines, number);
  if (!line) return null;
  const name = line.key ? `'${line.key}'` : `line ${number}`;
  return { line: number, col: line.indent + 1, message: `YAML indentation: ${name} is indented ${line.indent} spaces, which lines it up with no key above it; ${fixFor(lines, number, line.indent, number - 1)}` };
}

/** A key indented under a key that already has a value (`status: 1` then `      on:`): the mistake is the deeper line. */
function explainTooDeep(lines: string[], number: number): YamlProblem | null {
  const owner = contentLine(lines, number);
  let next: ContentLine | null = null;
  for (let n = number + 1; n <= lines.length && !next; n++) next = contentLine(lines, n);
  if (!owner || !next || next.indent <= owner.indent) return null;
  const name = next.key ? `'${next.key}'` : `line ${next.number}`;
  return {
    line: next.number,
    col: next.indent + 1,
    message: `YAML indentation: ${name} is indented ${next.indent} spaces, deeper than ${describeLine(owner)} above it, which already has a value; ${fixFor(lines, next.number, next.indent, number)}`,
  };
}

/** An unclosed `{ …` or `[ …`: found by counting brackets back from where the parser gave up. */
function explainUnclosedFlow(lines: string[], number: number, open: '{' | '['): YamlProblem | null {
  const close = open === '{' ? '}' : ']';
  for (let n = number - 1; n >= 1; n--) {
    const text = stripQuoted(lines[n - 1] ?? '');
    let depth = 0;
    let col = -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === open) {
        if (depth === 0) col = i;
        depth++;
      } else if (text[i] === close && depth > 0) depth--;
    }
    if (depth > 0)
      return {
        line: n,
        col: col + 1,
        message: `YAML syntax: the '${open}' opened here is never closed; end it with '${close}' on the same line (and quote any text inside that contains a comma or a colon)`,
      };
  }
  return null;
}

/** The line with quoted text and comments blanked out, so brackets inside them are not counted. */
function stripQuoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (m) => ' '.repeat(m.length)).replace(/\s#.*$/, '');
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
