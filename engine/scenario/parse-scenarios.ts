// Text of a scenario file → its scenarios, or every problem in it at
// file:line:col (YAML syntax, then the scenario schema). Pure.
import { Ajv, type ErrorObject } from 'ajv';
import type { Diagnostic } from '../definition/diagnostic.ts';
import { explainSchemaError, pointerToPath } from '../definition/explain-schema-error.ts';
import { diagnosticAt, parseYamlSource, type PathSegment, type YamlSource } from '../definition/yaml-source.ts';
import scenarioSchema from './scenarios.schema.json' with { type: 'json' };
import type { ScenarioFile } from './scenario-file.ts';

let validator: ReturnType<Ajv['compile']> | null = null;

export type ParsedScenarios = { ok: true; source: YamlSource; file: ScenarioFile } | { ok: false; diagnostics: Diagnostic[] };

export function parseScenarios(text: string, file: string): ParsedScenarios {
  const { source, diagnostics } = parseYamlSource(text, file);
  if (!source) return { ok: false, diagnostics };
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(scenarioSchema);
  if (validator(source.value)) return { ok: true, source, file: source.value as ScenarioFile };
  return { ok: false, diagnostics: explain(source, validator.errors ?? []) };
}

function explain(source: YamlSource, errors: ErrorObject[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  // `if` and failed oneOf branches repeat what the errors beside them say.
  for (const error of errors.filter((e) => e.keyword !== 'if' && !(e.schemaPath.includes('/oneOf/') && errors.some((o) => o.keyword === 'oneOf' && o.instancePath === e.instancePath)))) {
    const path = pointerToPath(error.instancePath);
    const d = describe(source, error, path);
    const key = `${d.line}:${d.col}:${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

function describe(source: YamlSource, error: ErrorObject, path: PathSegment[]): Diagnostic {
  const where = path.length ? `'${path.join('.')}'` : 'the scenario file';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const hint = missing === 'unit' ? ` (the actor's unit, e.g. hop-thinh; only role: system needs none)` : '';
      return diagnosticAt(source, path, `${where} is missing '${missing}'; add it${hint}`);
    }
    case 'pattern':
      if (path[path.length - 1] === 'event') return diagnosticAt(source, path, `${where} is not an event name: write events in UPPER_SNAKE_CASE, e.g. ACCEPT`);
      return diagnosticAt(source, path, `${where} is not a date-time: write e.g. 2026-02-13T16:00+07:00`);
    case 'oneOf':
      return diagnosticAt(source, path, `${where} is not valid: ${path.includes('state') ? 'write a state name or a list of them' : 'write a date-time such as 2026-02-13T16:00+07:00, or null'}`);
    default:
      return explainSchemaError(source, error, path, where);
  }
}
