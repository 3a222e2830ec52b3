// The shape of a scenario file (<name>.scenarios.yaml) after schema validation;
// scenarios.schema.json is the authority and these types mirror it.
import type { Outcome } from '../definition/procedure-definition.ts';

export interface Expectation {
  state?: string | string[];
  status?: number;
  unit?: string;
  dueAt?: string | null;
  stepDueAt?: Record<string, string | null>;
  paused?: boolean;
  outcome?: Outcome;
  form?: string;
  error?: string;
}

export interface ScenarioStep {
  at: string;
  event: string;
  role: string;
  unit?: string;
  input?: Record<string, unknown>;
  expect: Expectation;
}

export interface Scenario {
  name: string;
  given: {
    receivingUnit: string;
    competentUnit?: string;
    receivedAt: string;
    data: Record<string, unknown>;
    expect?: Expectation;
  };
  steps: ScenarioStep[];
}

export interface ScenarioFile {
  procedure?: string;
  scenarios: Scenario[];
}
