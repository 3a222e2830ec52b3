// A layered ("Sugiyama") layout of a procedure's states, so render-svg.ts can
// draw it without a browser. Each scope — the top level, a compound state, a
// region of a parallel state — is laid out on its own, top to bottom:
//   1. transitions between descendants are lifted to the scope's children;
//   2. a depth-first search from the initial state finds the loops ("return for
//      review"); their edges are turned round so the rest is acyclic;
//   3. states take every other rank (longest path; final states share the
//      bottom one); each edge gets a label node on the rank just below its upper
//      end and dummy nodes on the ranks it crosses, so arrows bend round boxes
//      and labels never sit on a box or on each other;
//   4. barycentre sweeps order each rank, then a few sweeps pull every node
//      towards its neighbours to straighten the arrows.
// A compound state is a box sized to hold its own layout; a parallel state puts
// its regions side by side. Text widths are estimated from character counts:
// good enough for a sans-serif face, and needs no font metrics.
import { liftTransitions } from './state-tree.ts';
import { statusOf } from './check-procedure.ts';
import { describeState, describeStateHeading, describeTransition, describeTransitionLines } from './describe-state.ts';
import type { CompiledProcedure } from './compiled-procedure.ts';
import type { StateNode } from './procedure-definition.ts';

export interface DiagramBox {
  name: string;
  kind: StateNode['kind'];
  /** A region of a parallel state (drawn dashed). */
  region: boolean;
  initial: boolean;
  status: number | null;
  /** The bold line: the Vietnamese title, else the id. */
  heading: string;
  /** The small line: the id (when a title is the heading), status, unit, budget. */
  detail: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** SVG path data, absolute coordinates. */
  path: string;
  /** One line per transition, shortened to fit; `descriptions` holds them in full. */
  labels: string[];
  descriptions: string[];
  labelX: number;
  labelY: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: DiagramBox[];
  edges: DiagramEdge[];
}

export const CHAR_WIDTH = 6.4;
export const LINE_HEIGHT = 14;
const TITLE_CHAR_WIDTH = 7.4;
const PAD = 20;
const HEADER = 40;
const LEAF_HEIGHT = 44;
const RANK_GAP = 22;
const NODE_GAP = 28;
const MARGIN = 30;
const LABEL_MAX = 56;
const LABEL_INDENT = 8;

interface Point {
  x: number;
  y: number;
}

interface Group {
  from: string;
  to: string;
  /** One per transition, in full (tooltips). */
  descriptions: string[];
  /** Label lines of every transition, shortened. */
  lines: string[];
}

/** A routed edge inside one scope, coordinates relative to the scope's content origin. */
interface Route {
  group: Group;
  upper: string;
  lower: string;
  reversed: boolean;
  points: Point[];
  label: Point;
}

interface LayoutNode {
  id: string;
  state: string | null;
  width: number;
  height: number;
  rank: number;
  x: number;
  y: number;
}

export function layoutDiagram(procedure: CompiledProcedure): DiagramLayout {
  const { states } = procedure;
  const sizes = new Map<string, { width: number; height: number }>();
  const offsets = new Map<string, Point>();
  const routes = new Map<string | null, Route[]>();
  const loops = new Map<string, Group[]>();
  const contentOrigin = new Map<string, Point>();
  const groups = groupTransitions(states);
  const topLevel = [...states.values()].filter((s) => s.parent === null).map((s) => s.name);

  const measure = (name: string): void => {
    const state = states.get(name)!;
    const headerWidth = Math.max(describeStateHeading(state).length * TITLE_CHAR_WIDTH, detailOf(state, states).length * CHAR_WIDTH) + 2 * PAD;
    if (state.children.length === 0) {
      sizes.set(name, { width: Math.max(120, headerWidth - 2 * PAD + 24), height: LEAF_HEIGHT });
    } else if (state.kind === 'parallel') {
      let x = PAD;
      let tallest = 0;
      for (const region of state.children) {
        measure(region);
        const size = sizes.get(region)!;
        offsets.set(region, { x, y: HEADER });
        x += size.width + 16;
        tallest = Math.max(tallest, size.height);
      }
      sizes.set(name, { width: Math.max(x - 16 + PAD, headerWidth), height: HEADER + tallest + PAD });
      contentOrigin.set(name, { x: 0, y: 0 });
    } else {
      const inner = layoutScope(name, state.children, state.initial);
      const width = Math.max(inner.width + 2 * PAD, headerWidth);
      sizes.set(name, { width, height: HEADER + inner.height + PAD });
      contentOrigin.set(name, { x: (width - inner.width) / 2, y: HEADER });
    }
  };

  const layoutScope = (scope: string | null, children: string[], initial: string | null): { width: number; height: number } => {
    children.forEach(measure);
    const scopeGroups = (groups.get(scope) ?? []).filter((g) => g.from !== g.to);
    for (const g of groups.get(scope) ?? []) if (g.from === g.to) loops.set(g.from, [...(loops.get(g.from) ?? []), g]);
    const successors = new Map<string, string[]>(children.map((c) => [c, []]));
    for (const g of scopeGroups) successors.get(g.from)!.push(g.to);

    // Loops: an edge to a state still on the depth-first stack.
    const mark = new Map<string, 'open' | 'done'>();
    const postorder: string[] = [];
    const back = new Set<string>();
    const visit = (v: string): void => {
      mark.set(v, 'open');
      for (const w of successors.get(v)!) {
        if (mark.get(w) === 'open') back.add(`${v}>${w}`);
        else if (!mark.has(w)) visit(w);
      }
      mark.set(v, 'done');
      postorder.push(v);
    };
    if (initial && successors.has(initial)) visit(initial);
    for (const c of children) if (!mark.has(c)) visit(c);

    // Longest-path layers on the graph with loops turned round.
    const forward = scopeGroups.map((g) => (back.has(`${g.from}>${g.to}`) ? { upper: g.to, lower: g.from, group: g, reversed: true } : { upper: g.from, lower: g.to, group: g, reversed: false }));
    const layer = new Map<string, number>(children.map((c) => [c, 0]));
    for (let changed = true, rounds = 0; changed && rounds <= children.length; rounds++) {
      changed = false;
      for (const e of forward)
        if (layer.get(e.lower)! < layer.get(e.upper)! + 1) {
          layer.set(e.lower, layer.get(e.upper)! + 1);
          changed = true;
        }
    }
    const others = children.filter((c) => states.get(c)!.kind !== 'final');
    if (others.length) {
      const bottom = Math.max(...others.map((c) => layer.get(c)!)) + 1;
      for (const c of children) if (states.get(c)!.kind === 'final') layer.set(c, bottom);
    }

    // Nodes: states on even ranks, a label node just below each edge's upper end, dummies elsewhere.
    const nodes = new Map<string, LayoutNode>();
    const ranks: string[][] = [];
    const add = (node: LayoutNode): void => {
      nodes.set(node.id, node);
      (ranks[node.rank] ??= []).push(node.id);
    };
    const discovery = [...postorder].reverse();
    for (const c of discovery) {
      const loopWidth = (loops.get(c) ?? []).reduce((w, g) => Math.max(w, ...g.lines.map((l) => l.length * CHAR_WIDTH)), 0);
      add({ id: c, state: c, width: sizes.get(c)!.width + (loopWidth ? loopWidth + 36 : 0), height: sizes.get(c)!.height, rank: 2 * layer.get(c)!, x: 0, y: 0 });
    }
    const chains = forward.map((e, index) => {
      const top = 2 * layer.get(e.upper)!;
      const bottom = 2 * layer.get(e.lower)!;
      const ids = [e.upper];
      for (let rank = top + 1; rank < bottom; rank++) {
        const id = rank === top + 1 ? `label:${index}` : `dummy:${index}:${rank}`;
        const lines = e.group.lines;
        if (rank === top + 1) add({ id, state: null, width: Math.max(...lines.map((l) => l.length)) * CHAR_WIDTH + LABEL_INDENT + 4, height: lines.length * LINE_HEIGHT + 4, rank, x: 0, y: 0 });
        else add({ id, state: null, width: 8, height: 0, rank, x: 0, y: 0 });
        ids.push(id);
      }
      ids.push(e.lower);
      return { ...e, ids, index };
    });
    const rows = ranks.map((r) => r ?? []);
    const up = new Map<string, string[]>();
    const down = new Map<string, string[]>();
    for (const chain of chains)
      for (let i = 0; i + 1 < chain.ids.length; i++) {
        down.set(chain.ids[i]!, [...(down.get(chain.ids[i]!) ?? []), chain.ids[i + 1]!]);
        up.set(chain.ids[i + 1]!, [...(up.get(chain.ids[i + 1]!) ?? []), chain.ids[i]!]);
      }
    orderRanks(rows, up, down);
    const width = placeNodes(rows, nodes, up, down);

    let y = 0;
    for (const row of rows) {
      const height = Math.max(0, ...row.map((id) => nodes.get(id)!.height));
      for (const id of row) nodes.get(id)!.y = y + (height - nodes.get(id)!.height) / 2;
      y += height + RANK_GAP;
    }
    for (const c of children) offsets.set(c, { x: nodes.get(c)!.x, y: nodes.get(c)!.y });

    routes.set(
      scope,
      chains.map((chain) => {
        const label = nodes.get(chain.ids[1]!)!;
        const points: Point[] = [];
        for (const id of chain.ids.slice(1, -1)) {
          const node = nodes.get(id)!;
          if (id.startsWith('label:')) points.push({ x: node.x + 2, y: node.y - 2 }, { x: node.x + 2, y: node.y + node.height + 2 });
          else points.push({ x: node.x + node.width / 2, y: node.y });
        }
        return { group: chain.group, upper: chain.upper, lower: chain.lower, reversed: chain.reversed, points, label: { x: label.x + LABEL_INDENT, y: label.y } };
      }),
    );
    return { width, height: Math.max(0, y - RANK_GAP) };
  };

  const whole = layoutScope(null, topLevel, procedure.source.initial);
  const boxes = new Map<string, DiagramBox>();
  const edges: DiagramEdge[] = [];
  const placeScope = (scope: string | null, origin: Point): void => {
    const list = (routes.get(scope) ?? []).map((route) => ({ route, inner: route.points.map((p) => ({ x: origin.x + p.x, y: origin.y + p.y })), start: { x: 0, y: 0 }, end: { x: 0, y: 0 } }));
    // Spread the arrows leaving a box's bottom (and entering its top) along that side, ordered by where they head.
    const ports = new Map<string, Array<{ point: Point; towards: number }>>();
    for (const item of list) {
      const upper = boxes.get(item.route.upper)!;
      const lower = boxes.get(item.route.lower)!;
      item.start.y = upper.y + upper.height;
      item.end.y = lower.y;
      const first = item.inner[0] ?? { x: lower.x + lower.width / 2 };
      const last = item.inner[item.inner.length - 1] ?? { x: upper.x + upper.width / 2 };
      ports.set(`${upper.name}:bottom`, [...(ports.get(`${upper.name}:bottom`) ?? []), { point: item.start, towards: first.x }]);
      ports.set(`${lower.name}:top`, [...(ports.get(`${lower.name}:top`) ?? []), { point: item.end, towards: last.x }]);
    }
    for (const [key, side] of ports) {
      const box = boxes.get(key.slice(0, key.lastIndexOf(':')))!;
      side.sort((a, b) => a.towards - b.towards);
      const step = Math.min(box.width / (side.length + 1), 24);
      side.forEach((port, i) => (port.point.x = box.x + box.width / 2 + (i - (side.length - 1) / 2) * step));
    }
    for (const { route, inner, start, end } of list) {
      const points = [start, ...inner, end];
      edges.push({ from: route.group.from, to: route.group.to, path: smoothPath(route.reversed ? points.reverse() : points), labels: route.group.lines, descriptions: route.group.descriptions, labelX: r(origin.x + route.label.x), labelY: r(origin.y + route.label.y) });
    }
  };
  const place = (name: string, originX: number, originY: number, region: boolean): void => {
    const state = states.get(name)!;
    const offset = offsets.get(name)!;
    const size = sizes.get(name)!;
    const x = r(originX + offset.x);
    const y = r(originY + offset.y);
    const parent = state.parent ? states.get(state.parent) : undefined;
    const initial = parent ? parent.kind === 'compound' && parent.initial === name : procedure.source.initial === name;
    boxes.set(name, { name, kind: state.kind, region, initial, status: statusOf(state, states), heading: describeStateHeading(state), detail: detailOf(state, states), x, y, width: r(size.width), height: r(size.height) });
    const content = contentOrigin.get(name) ?? { x: 0, y: 0 };
    for (const child of state.children) place(child, x + content.x, y + content.y, state.kind === 'parallel');
    if (state.kind === 'compound') placeScope(name, { x: x + content.x, y: y + content.y });
  };
  for (const name of topLevel) place(name, MARGIN, MARGIN, false);
  placeScope(null, { x: MARGIN, y: MARGIN });

  for (const [name, list] of loops) {
    const box = boxes.get(name)!;
    const [x, y1, y2] = [box.x + box.width, box.y + box.height / 2 - 8, box.y + box.height / 2 + 8];
    const lines = list.flatMap((g) => g.lines);
    edges.push({ from: name, to: name, path: `M${r(x)},${r(y1)} C${r(x + 30)},${r(y1 - 10)} ${r(x + 30)},${r(y2 + 10)} ${r(x)},${r(y2)}`, labels: lines, descriptions: list.flatMap((g) => g.descriptions), labelX: r(x + 34), labelY: r(box.y + box.height / 2 - (lines.length * LINE_HEIGHT) / 2) });
  }

  let right = MARGIN + whole.width;
  for (const edge of edges) right = Math.max(right, edge.labelX + Math.max(...edge.labels.map((l) => l.length)) * CHAR_WIDTH);
  return { width: Math.ceil(right + MARGIN), height: Math.ceil(MARGIN + whole.height + MARGIN), boxes: [...boxes.values()], edges };
}

function detailOf(state: StateNode, states: ReadonlyMap<string, StateNode>): string {
  const detail = describeState(state, states);
  return state.title ? `${state.name} · ${detail}` : detail;
}

/** Transitions grouped by scope (the innermost state holding both ends) and by their ends lifted to that scope's children. */
function groupTransitions(states: ReadonlyMap<string, StateNode>): Map<string | null, Group[]> {
  const out = new Map<string | null, Group[]>();
  const index = new Map<string, Group>();
  for (const { transition: t, scope, from, to, note } of liftTransitions(states)) {
    const [head, ...rest] = describeTransitionLines(t);
    const key = `${scope ?? ''}|${from}>${to}`;
    let group = index.get(key);
    if (!group) {
      group = { from, to, descriptions: [], lines: [] };
      index.set(key, group);
      out.set(scope, [...(out.get(scope) ?? []), group]);
    }
    group.descriptions.push(describeTransition(t) + note);
    group.lines.push(...[head + note, ...rest].map(truncate));
  }
  return out;
}

function orderRanks(rows: string[][], up: Map<string, string[]>, down: Map<string, string[]>): void {
  const position = (row: string[]) => new Map(row.map((id, i) => [id, i]));
  const sortBy = (row: string[], neighbours: Map<string, string[]>, at: Map<string, number>): string[] =>
    row
      .map((id, i) => {
        const ns = (neighbours.get(id) ?? []).filter((n) => at.has(n));
        return { id, i, key: ns.length ? ns.reduce((s, n) => s + at.get(n)!, 0) / ns.length : i };
      })
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((e) => e.id);
  for (let sweep = 0; sweep < 4; sweep++) {
    if (sweep % 2 === 0) for (let i = 1; i < rows.length; i++) rows[i] = sortBy(rows[i]!, up, position(rows[i - 1]!));
    else for (let i = rows.length - 2; i >= 0; i--) rows[i] = sortBy(rows[i]!, down, position(rows[i + 1]!));
  }
}

/** Packs each rank left to right, then pulls nodes towards their neighbours' centres; returns the scope's width. */
function placeNodes(rows: string[][], nodes: Map<string, LayoutNode>, up: Map<string, string[]>, down: Map<string, string[]>): number {
  for (const row of rows) {
    let x = 0;
    for (const id of row) {
      nodes.get(id)!.x = x;
      x += nodes.get(id)!.width + NODE_GAP;
    }
  }
  const centre = (id: string) => nodes.get(id)!.x + nodes.get(id)!.width / 2;
  const align = (row: string[], neighbours: Map<string, string[]>): void => {
    let right = Number.NEGATIVE_INFINITY;
    for (const id of row) {
      const node = nodes.get(id)!;
      const ns = neighbours.get(id) ?? [];
      const wanted = ns.length ? ns.reduce((s, n) => s + centre(n), 0) / ns.length - node.width / 2 : node.x;
      node.x = Math.max(wanted, right + NODE_GAP);
      right = node.x + node.width;
    }
  };
  for (let sweep = 0; sweep < 6; sweep++) {
    if (sweep % 2 === 0) for (let i = 1; i < rows.length; i++) align(rows[i]!, up);
    else for (let i = rows.length - 2; i >= 0; i--) align(rows[i]!, down);
  }
  const all = [...nodes.values()];
  const left = Math.min(...all.map((n) => n.x));
  for (const n of all) n.x -= left;
  return Math.max(...all.map((n) => n.x + n.width));
}

/** A smooth path through the points: vertical tangents, so arrows leave and enter boxes straight. */
function smoothPath(points: Point[]): string {
  let d = `M${r(points[0]!.x)},${r(points[0]!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    const mid = (a.y + b.y) / 2;
    d += a.x === b.x ? ` L${r(b.x)},${r(b.y)}` : ` C${r(a.x)},${r(mid)} ${r(b.x)},${r(mid)} ${r(b.x)},${r(b.y)}`;
  }
  return d;
}


function truncate(text: string): string {
  return text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}
