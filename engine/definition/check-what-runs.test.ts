// The checks that reason over what a definition does at run time — eventless
// cycles, dead ends for some data the schema allows, literals a field can never
// hold, budgets of regions — each on a small broken fixture, with the exact message and position an
// author sees.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.ts';
import { loadProcedure } from './load-procedure.ts';

function check(name: string): string[] {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return loadProcedure(text, `fixtures/${name}`).diagnostics.map(formatDiagnostic);
}

const cases: Array<[string, string[]]> = [
  ['dead-end.yaml', [
    "fixtures/dead-end.yaml:25:3: state 'review' can be entered with no way out when data.parcel.disputed is missing: the conditions of all its transitions are then false (data.parcel.disputed; !data.parcel.disputed), since a missing field makes a condition and its negation both false; make data.parcel.disputed required, give it a default, or add a fallback transition without when:",
    'fixtures/dead-end.yaml:31:3: state \'approval\' can be entered with no way out when data.kind is "forest" and data.urgent is false: the conditions of all its transitions are then false (data.kind == "house"; data.kind == "land" && input.reason != ""; data.urgent); add a transition for that case, or a fallback transition without when:',
  ]],
  ['eventless-cycle.yaml', [
    "fixtures/eventless-cycle.yaml:24:13: eventless cycle routing → checking → routing: the engine would take these 'always' transitions round and round without waiting for an event, whatever the data; give one of them a condition that cannot hold together with the others, or make one of these steps wait for an event under on:",
    'fixtures/eventless-cycle.yaml:31:13: eventless cycle sorting → sorting-again → sorting: the engine would take these \'always\' transitions round and round without waiting for an event, when data.kind is "land"; give one of them a condition that cannot hold together with the others, or make one of these steps wait for an event under on:',
  ]],
  ['guard-impossible-literal.yaml', [
    'fixtures/guard-impossible-literal.yaml:23:37: guard of transition ACCEPT of state \'reception\' compares data.maritalStatus with "divorcd", which it can never hold: the data schema allows "single", "divorced", "widowed"; did you mean "divorced"?',
    'fixtures/guard-impossible-literal.yaml:23:62: guard of transition ACCEPT of state \'reception\' compares data.age with "18", which it can never hold: the data schema makes it an integer, and this is a string; write 18 without quotes',
    'fixtures/guard-impossible-literal.yaml:27:32: guard of transition REFUSE of state \'reception\' compares data.idNumber with "12345", which it can never hold: the data schema requires the pattern ^[0-9]{12}$; correct the value in the guard or the pattern',
    'fixtures/guard-impossible-literal.yaml:27:60: guard of transition REFUSE of state \'reception\' compares data.idNumber with 27195001818, which it can never hold: the data schema makes it a string, and this is an integer; quote it: "27195001818"',
    'fixtures/guard-impossible-literal.yaml:27:108: guard of transition REFUSE of state \'reception\' compares data.maritalStatus with "married", which it can never hold: the data schema allows "single", "divorced", "widowed"; compare with one of them, or add the value to the schema',
    'fixtures/guard-impossible-literal.yaml:27:137: guard of transition REFUSE of state \'reception\' compares data.sector with "fishing", which it can never hold: the data schema allows "agriculture"; compare with one of them, or add the value to the schema',
  ]],
  ['region-own-budget.yaml', [
    "fixtures/region-own-budget.yaml:19:17: region 'fire-safety' has a budget of 6 working days, more than the 5 working days of its parallel state 'consultation'; lower the region's budget or raise that of 'consultation'",
    "fixtures/region-own-budget.yaml:28:17: step budgets inside 'environment' (awaiting-environment → environment-follow-up → environment-answered) add up to 3 working days, more than its own budget of 2 working days; shorten a budget inside it or raise the budget of 'environment'",
  ]],
];

describe('checks of what runs', () => {
  it.each(cases)('%s', (name, expected) => {
    expect(check(name)).toEqual(expected);
  });
});
