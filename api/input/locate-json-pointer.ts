// Which field a position in a JSON text falls in, from the text before it
// alone (which may stop mid-string): so "not UTF-8" can name
// /applicant/fullName instead of only a byte offset.

type Frame = { kind: 'object'; key: string | null; expectingKey: boolean } | { kind: 'array'; index: number };

/** The JSON Pointer (RFC 6901) of the value — or key — that `before` ends inside. */
export function locateJsonPointer(before: string): string {
  const stack: Frame[] = [];
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (c === '"') {
      let j = i + 1;
      while (j < before.length && before[j] !== '"') j += before[j] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectingKey) {
        top.key = j < before.length ? readString(before.slice(i, j + 1)) : readString(`${before.slice(i, j)}"`);
        top.expectingKey = false;
      }
      i = j;
    } else if (c === '{') stack.push({ kind: 'object', key: null, expectingKey: true });
    else if (c === '[') stack.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack.at(-1);
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectingKey = true;
    }
  }
  return stack.map((f) => (f.kind === 'array' ? `/${f.index}` : f.key === null ? '' : `/${f.key.replaceAll('~', '~0').replaceAll('/', '~1')}`)).join('');
}

function readString(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    // A key cut inside an escape: show it as sent.
    return quoted.slice(1, -1);
  }
}
