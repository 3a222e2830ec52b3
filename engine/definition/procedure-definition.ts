// The shape of a procedure definition after YAML parsing and schema validation
// (procedures/schema/procedure.schema.json is the authority; these types mirror it),
// and the normalized shape the compiler and runtime work on.

export interface LocalizedText {
  vi: string;
  en: string;
}

export type TimeLimit =
  | { workingDays: number }
  | { workingHours: number }
  | { sameDay: true; cutoff?: string };

export type UnitRef = 'receiving' | 'competent' | 'return' | { unit: string };

export type Handoff = { to: UnitRef } | { connector: string };

export type CompetentUnitRule = 'receiving' | { department: string } | { communeOf: string };

export type Outcome = 'approved' | 'rejected' | 'refused-at-reception' | 'withdrawn' | 'stopped';

export type ClockAction = 'start' | 'reset' | 'stop';

export interface TransitionSource {
  target: string;
  roles?: string[];
  when?: string;
  message?: LocalizedText;
  form?: string;
  requires?: string[];
  clock?: ClockAction;
  /** What an officer's button says, e.g. { vi: 'Tiếp nhận', en: 'Accept' }. */
  label?: LocalizedText;
}

export type TransitionsSource = string | TransitionSource | Array<string | TransitionSource>;

export interface StateSource {
  type?: 'final' | 'parallel';
  unit?: UnitRef;
  status?: number;
  /** What officers see for the step, e.g. { vi: 'Tiếp nhận hồ sơ', en: 'Reception' }. */
  title?: LocalizedText;
  citizenText?: LocalizedText;
  budget?: TimeLimit;
  clock?: 'runs' | 'paused';
  onOverdue?: { notify?: string[]; send?: string };
  handoff?: Handoff;
  outcome?: Outcome;
  on?: Record<string, TransitionsSource>;
  always?: TransitionsSource;
  onDone?: TransitionsSource;
  initial?: string;
  states?: Record<string, StateSource>;
}

export interface DocumentRequirement {
  id: string;
  name: LocalizedText;
  required?: boolean;
  original?: boolean;
  copies?: number;
  digitizable?: boolean;
}

export interface ProcedureSource {
  code: string;
  version: number;
  name: LocalizedText;
  sector?: string;
  level: 'commune' | 'province';
  competentUnit?: CompetentUnitRule;
  borderless?: boolean;
  legalBasis?: string[];
  fees?: Array<{ name: LocalizedText; amountVnd: number }>;
  processingTime: TimeLimit;
  /** The most a form 04 may add to the due date, counted from it; default `processingTime`. */
  extensionLimit?: TimeLimit;
  calendar?: string;
  documents?: DocumentRequirement[];
  data: Record<string, unknown>;
  roles: string[];
  initial: string;
  states: Record<string, StateSource>;
  scenarios?: string;
}

/** A transition with every shorthand expanded. */
/** The system event the handoff worker fires once a handoff state's dossier is delivered. */
export const handoffDeliveredEvent = 'HANDOFF_DELIVERED';

/** Event name of a state's onDone transitions: never a user event (those are UPPER_SNAKE_CASE). */
export const doneEvent = '@done';

export interface Transition {
  /** '' for an eventless ("always") transition, '@done' for onDone. */
  event: string;
  source: string;
  target: string;
  roles: string[] | null; // null: no role may fire it directly (system events)
  when: string | null;
  message: LocalizedText | null;
  form: string | null;
  requires: string[];
  clock: ClockAction | null;
  /** The officer-facing name of the event, from this transition's `label`. */
  label: LocalizedText | null;
  /** Where it is written, for diagnostics: e.g. ['states','reception','on','ACCEPT',0]. */
  sourcePath: Array<string | number>;
}

/** A state with its place in the tree; state names are unique in a procedure. */
export interface StateNode {
  name: string;
  parent: string | null;
  kind: 'atomic' | 'compound' | 'parallel' | 'final';
  unit: UnitRef | null; // null: inherit from the parent, else the receiving desk
  status: number | null;
  /** The officer-facing name of the step; null when the definition gives none (show the id). */
  title: LocalizedText | null;
  citizenText: LocalizedText | null;
  budget: TimeLimit | null;
  clock: 'runs' | 'paused';
  /** When the step's budget runs out: roles to notify and the event the system fires. */
  onOverdue: { notify: string[]; send: string | null } | null;
  /** Entering the state hands the dossier over; the handoff worker fires HANDOFF_DELIVERED when done. */
  handoff: Handoff | null;
  outcome: Outcome | null;
  initial: string | null;
  children: string[];
  transitions: Transition[];
  sourcePath: string[];
}
