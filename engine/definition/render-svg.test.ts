import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledProcedure } from './compiled-procedure.ts';
import { loadProcedure } from './load-procedure.ts';
import { layoutDiagram } from './layout-diagram.ts';
import { renderSvg } from './render-svg.ts';

function loadFixture(name: string): CompiledProcedure {
  const result = loadProcedure(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), `fixtures/${name}`);
  if (!result.ok) throw new Error(`fixture ${name} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.procedure;
}

/** Every opened element is closed in order: a well-formedness check without an XML parser. */
function tagsBalance(svg: string): boolean {
  const stack: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe('renderSvg', () => {
  it('is a standalone, well-formed SVG document with a box per state and an arrow per pair of boxes joined', () => {
    const procedure = loadFixture('parallel.yaml');
    const svg = renderSvg(procedure);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" ')).toBe(true);
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(tagsBalance(svg)).toBe(true);
    expect(svg).toContain('<title>Procedure with consultations (9.000002 v3)</title>');
    for (const name of procedure.states.keys()) expect(svg).toContain(`font-weight="bold">${name}</text>`);
    // 5 at the top level (arrows out of and into a compound state start and end at its box), 1 inside review, 1 per region.
    expect(svg.match(/marker-end="url\(#arrow\)"><title>/g)).toHaveLength(8);
    expect(svg).toContain('>when !data.urgent</text>');
  });

  it('escapes text for XML', () => {
    const svg = renderSvg(loadFixture('valid.yaml'));
    expect(svg).toContain('<title>APPROVE (leader) · when data.applicant.adult</title>');
    expect(svg).not.toMatch(/>[^<]*&(?!amp;|lt;|gt;|quot;)[^<]*</);
  });
});

describe('layoutDiagram', () => {
  it('puts every box inside the picture, children inside their parents, and no two sibling boxes over each other', () => {
    const layout = layoutDiagram(loadFixture('parallel.yaml'));
    const byName = new Map(layout.boxes.map((b) => [b.name, b]));
    const states = loadFixture('parallel.yaml').states;
    for (const box of layout.boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(layout.width);
      expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
      const parent = states.get(box.name)!.parent;
      if (parent) {
        const outer = byName.get(parent)!;
        expect(box.x).toBeGreaterThan(outer.x);
        expect(box.y).toBeGreaterThan(outer.y);
        expect(box.x + box.width).toBeLessThan(outer.x + outer.width);
        expect(box.y + box.height).toBeLessThan(outer.y + outer.height);
      }
    }
    for (const a of layout.boxes)
      for (const b of layout.boxes) {
        if (a === b || states.get(a.name)!.parent !== states.get(b.name)!.parent) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.name} and ${b.name} overlap`).toBe(true);
      }
  });

  it('heads a titled state with its Vietnamese title and keeps the id in the small line', () => {
    const result = loadProcedure(readFileSync(new URL('../../procedures/birth-registration.yaml', import.meta.url), 'utf8'), 'birth-registration.yaml');
    if (!result.ok) throw new Error('birth-registration.yaml must load');
    const svg = renderSvg(result.procedure);
    expect(svg).toContain('font-weight="bold">Chờ bổ sung hồ sơ</text>');
    expect(svg).toContain('fill="#444">awaiting-supplement · status 5 · receiving desk · clock paused</text>');
    expect(svg).toContain('<title>Tiếp nhận — ACCEPT (receiver) · form 01 · clock start</title>');
  });
});
