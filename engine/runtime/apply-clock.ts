// The statutory clock of a dossier and the deadlines of its steps, advanced by
// a step's effects. Pure: `now` and the working-time calendar are arguments.
//
// - `clock: start` (valid reception) and `clock: reset` (complete supplement)
//   set the due date from now: a reset restarts the limit from zero, it does not resume.
// - Entering a `clock: paused` state pauses: the dossier is not overdue while the
//   citizen holds it. Leaving it without a reset resumes, and the due date moves
//   by the working time spent paused.
// - Entering a state with a `budget` gives that step its own due date.
import { addWorkingHours, computeDueAt, workingTimeBetween, type WorkCalendar } from '../calendar/index.ts';
import type { CompiledProcedure } from '../definition/compiled-procedure.ts';
import type { Effect } from './effect.ts';

export interface ClockState {
  dueAt: Date | null;
  pausedAt: Date | null;
}

export interface DueChange {
  from: Date | null;
  to: Date | null;
  reason: 'clock-started' | 'clock-reset' | 'clock-resumed';
}

export interface StepVisit {
  state: string;
  unit: string;
  dueAt: Date | null;
}

export interface ClockPlan {
  clock: ClockState;
  dueChanges: DueChange[];
  paused: boolean;
  resumed: boolean;
  stepsEntered: StepVisit[];
  stepsLeft: string[];
}

export function applyClock(procedure: CompiledProcedure, clock: ClockState, effects: Effect[], context: { now: Date; calendar: WorkCalendar; activeLeaves: string[] }): ClockPlan {
  const { now, calendar } = context;
  let { dueAt, pausedAt } = clock;
  const dueChanges: DueChange[] = [];
  const stepsEntered: StepVisit[] = [];
  const stepsLeft: string[] = [];
  let restarted = false;

  for (const effect of effects) {
    if (effect.type === 'clock' && (effect.action === 'start' || effect.action === 'reset')) {
      const next = computeDueAt(calendar, now, procedure.source.processingTime).dueAt;
      dueChanges.push({ from: dueAt, to: next, reason: effect.action === 'start' ? 'clock-started' : 'clock-reset' });
      dueAt = next;
      restarted = true;
    } else if (effect.type === 'exited') {
      stepsLeft.push(effect.state);
    } else if (effect.type === 'entered') {
      const state = procedure.states.get(effect.state)!;
      if (state.kind === 'atomic' || state.budget)
        stepsEntered.push({ state: effect.state, unit: effect.unit, dueAt: effect.budget ? computeDueAt(calendar, now, effect.budget).dueAt : null });
    }
  }

  const waiting = context.activeLeaves.some((leaf) => isPaused(procedure, leaf));
  let paused = false;
  let resumed = false;
  if (restarted) {
    pausedAt = waiting ? now : null;
  } else if (waiting && pausedAt === null) {
    pausedAt = now;
    paused = true;
  } else if (!waiting && pausedAt !== null) {
    // Left the waiting state without a restart: the limit resumes where it stopped.
    if (dueAt) {
      const minutes = workingTimeBetween(calendar, pausedAt, now);
      const next = addWorkingHours(calendar, dueAt, minutes / 60);
      dueChanges.push({ from: dueAt, to: next, reason: 'clock-resumed' });
      dueAt = next;
    }
    pausedAt = null;
    resumed = true;
  }
  return { clock: { dueAt, pausedAt }, dueChanges, paused, resumed, stepsEntered, stepsLeft };
}

/** A state (or one of its ancestors) declares `clock: paused`. */
export function isPaused(procedure: CompiledProcedure, name: string): boolean {
  for (let s = procedure.states.get(name); s; s = s.parent ? procedure.states.get(s.parent) : undefined) if (s.clock === 'paused') return true;
  return false;
}
