import { expect, it } from 'vitest';
import { findIssuedForms } from './find-issued-forms.ts';
import type { FormEvent } from './form-model.ts';

const at = (iso: string) => new Date(iso);
const event = (seq: number, type: string, time: string, payload: Record<string, unknown>): FormEvent => ({ seq, type, at: at(time), actorRole: 'receiver', unitId: 'hop-thinh', comment: null, payload });

it('finds each form at its latest issue, with the due date its command set', () => {
  const events = [
    event(1, 'RECEIVED', '2026-03-02T02:30:00Z', { input: {}, form: null }),
    event(2, 'ASK_SUPPLEMENT', '2026-03-02T02:45:00Z', { input: { reason: 'x' }, form: '02' }),
    event(3, 'CLOCK_PAUSED', '2026-03-02T02:45:00Z', { reason: 'waiting for the applicant' }),
    event(4, 'SUPPLEMENT_COMPLETE', '2026-03-03T01:30:00Z', { input: {}, form: '01' }),
    event(5, 'DUE_DATE_CHANGED', '2026-03-03T01:30:00Z', { from: null, to: '2026-03-03T10:00:00.000Z', reason: 'clock started' }),
    event(6, 'EXTENSION_ISSUED', '2026-03-03T02:00:00Z', { form: '04', reason: 'y', from: '2026-03-03T10:00:00.000Z', to: '2026-03-05T10:00:00.000Z' }),
    event(7, 'DUE_DATE_CHANGED', '2026-03-03T02:00:00Z', { from: '2026-03-03T10:00:00.000Z', to: '2026-03-05T10:00:00.000Z', reason: 'extension' }),
  ];
  expect(findIssuedForms(events).map((f) => [f.form, f.event.seq, f.dueAt?.toISOString() ?? null])).toEqual([
    ['01', 4, '2026-03-03T10:00:00.000Z'],
    ['02', 2, null],
    ['04', 6, '2026-03-05T10:00:00.000Z'],
  ]);
});

it('ignores forms motcua does not print and events that issued none', () => {
  expect(findIssuedForms([event(1, 'X', '2026-03-02T02:30:00Z', { form: '06' }), event(2, 'Y', '2026-03-02T02:31:00Z', { input: {}, form: null })])).toEqual([]);
});

it('does not take a later command\'s due date for a form whose command set none', () => {
  const events = [
    event(1, 'ACCEPT', '2026-03-02T02:30:00Z', { input: {}, form: '01' }),
    event(2, 'DUE_DATE_CHANGED', '2026-03-02T03:00:00Z', { from: null, to: '2026-03-04T10:00:00.000Z', reason: 'x' }),
  ];
  expect(findIssuedForms(events)[0]!.dueAt).toBeNull();
});
