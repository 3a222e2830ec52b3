// Every JSON value a client sends passes through here before any route sees it:
// text is checked and normalised once, so nothing below the API has to care.
//
// Refused (400 request.invalid, each problem with its JSON Pointer path):
// - NUL (U+0000): PostgreSQL text and jsonb cannot hold it;
// - lone UTF-16 surrogates (a `\ud800` escape with no pair): not Unicode text;
// - numbers JSON.parse turned into ±Infinity (e.g. 1e400);
// - nesting deeper than maxJsonDepth;
// - two keys of one object that are the same text once normalised;
// - Unicode bidirectional controls (Bidi_Control: U+061C, U+200E, U+200F,
//   U+202A–U+202E, U+2066–U+2069): invisible, they make a name or a file name
//   display differently from what it is ("Trojan Source", CVE-2021-42574), and
//   Vietnamese text never needs them.
// Every string and every object key is normalised to NFC (Unicode Normalization
// Form C): macOS and some keyboards send Vietnamese letters decomposed (NFD),
// and the same name must compare equal however it was typed.
import { MotcuaError } from '../../engine/motcua-error.ts';
import { maxJsonDepth } from './input-limits.ts';

export interface InputProblem {
  /** JSON Pointer (RFC 6901) of the wrong value, e.g. `/applicant/fullName`. */
  path: string;
  message: string;
}

/** Returns a copy of `value` with every string and key in NFC, or throws MotcuaError('request.invalid') listing every problem. */
export function cleanJsonValue(value: unknown, where = 'the body'): unknown {
  const problems: InputProblem[] = [];
  const cleaned = clean(value, '', 0, problems);
  if (problems.length) throw invalidInput(where, problems);
  return cleaned;
}

export function invalidInput(where: string, problems: InputProblem[]): MotcuaError {
  const shown = problems.slice(0, 20);
  return new MotcuaError('request.invalid', `${where} is not valid: ${shown.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}${problems.length > shown.length ? `; and ${problems.length - shown.length} more` : ''}`, { errors: shown });
}

/** The problem with one piece of text, or null when it is fine. */
export function checkText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which text may not hold; remove it';
  const bidi = bidiControl.exec(text);
  if (bidi) return `contains the invisible bidirectional control U+${bidi[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which can make text display as something else; remove it`;
  if (hasLoneSurrogate(text)) return 'contains a lone UTF-16 surrogate (e.g. \\ud800 without its pair), which is not Unicode text; send the character itself in UTF-8';
  return null;
}

const bidiControl = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function hasLoneSurrogate(text: string): boolean {
  // Node 20 has String.prototype.isWellFormed.
  return !(text as string & { isWellFormed(): boolean }).isWellFormed();
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function clean(value: unknown, path: string, depth: number, problems: InputProblem[]): unknown {
  if (typeof value === 'string') {
    const problem = checkText(value);
    if (problem) {
      problems.push({ path, message: problem });
      return value;
    }
    return value.normalize('NFC');
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push({ path, message: 'is a number too large to represent; send at most 15 significant digits' });
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxJsonDepth) {
    problems.push({ path, message: `nests arrays and objects deeper than ${maxJsonDepth} levels` });
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => clean(item, `${path}/${i}`, depth + 1, problems));
  const entries: Array<[string, unknown]> = [];
  const seen = new Set<string>();
  for (const [rawKey, item] of Object.entries(value)) {
    const keyProblem = checkText(rawKey);
    const keyPath = `${path}/${escapePointer(rawKey)}`;
    if (keyProblem) {
      problems.push({ path: keyPath, message: `is a key that ${keyProblem}` });
      continue;
    }
    const key = rawKey.normalize('NFC');
    if (seen.has(key)) problems.push({ path: `${path}/${escapePointer(key)}`, message: 'appears twice in one object (the same key, once composed and once decomposed); send it once' });
    seen.add(key);
    entries.push([key, clean(item, `${path}/${escapePointer(key)}`, depth + 1, problems)]);
  }
  // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
  return Object.fromEntries(entries);
}
