// procedures/connectors.yaml → connector declarations, validated against
// procedures/schema/connectors.schema.json with every problem positioned at
// file:line:col, all at once, like the rest of the catalogue.
import { article, explainSchemaError, pointerToPath } from '../../definition/explain-schema-error.ts';
import { Ajv, type ErrorObject } from 'ajv';
import connectorsSchema from '../../../procedures/schema/connectors.schema.json' with { type: 'json' };
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../definition/diagnostic.ts';
import { diagnosticAt, type YamlSource, parseYamlSource } from '../../definition/yaml-source.ts';
import { MotcuaError } from '../../motcua-error.ts';
import type { ConnectorDefinition } from './connector-settings.ts';

const validate = new Ajv({ allErrors: true, strict: false }).compile(connectorsSchema);
const connectorKeys = Object.keys(connectorsSchema.definitions.connector.properties);
const defaults = { timeoutMs: connectorsSchema.definitions.connector.properties.timeoutMs.default, maxAttempts: connectorsSchema.definitions.connector.properties.maxAttempts.default };

interface ConnectorYaml {
  description: string;
  url?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  events?: string[];
}

/** Throws definition.invalid listing every problem, as `file:line:col: message` lines in details.lines. */
export function parseConnectors(source: { file: string; text: string }): ConnectorDefinition[] {
  const { source: yaml, diagnostics } = parseYamlSource(source.text, source.file);
  if (!yaml) throw invalid(source.file, diagnostics);
  if (!validate(yaml.value)) throw invalid(source.file, explain(yaml, validate.errors ?? []));
  const declared = (yaml.value as { connectors: Record<string, ConnectorYaml> }).connectors;
  return Object.entries(declared).map(([name, c]) => ({
    name,
    description: c.description,
    url: c.url ?? null,
    timeoutMs: c.timeoutMs ?? defaults.timeoutMs,
    maxAttempts: c.maxAttempts ?? defaults.maxAttempts,
    events: c.events ?? [],
  }));
}

function explain(source: YamlSource, errors: ErrorObject[]): Diagnostic[] {
  // propertyNames reports the failing name twice (its pattern, then itself); keep the second.
  const kept = errors.filter((e) => !(e.keyword === 'pattern' && e.propertyName !== undefined));
  const seen = new Set<string>();
  return kept.map((e) => describe(source, e)).filter((d) => {
    const key = `${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(source: YamlSource, error: ErrorObject): Diagnostic {
  const path = pointerToPath(error.instancePath);
  const where = path.length ? `'${path.join('.')}'` : 'the file';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = path.length === 0 ? 'connectors' : connectorKeys.join(', ');
      return diagnosticAt(source, [...path, key], `unknown key '${key}' in ${where}; allowed keys: ${allowed}`, { key: true });
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      return diagnosticAt(source, [...path, name], `connector name '${name}' must be lower-case kebab-case, e.g. land-registry`, { key: true });
    }
    case 'pattern': {
      const last = path[path.length - 1];
      if (last === 'url') return diagnosticAt(source, path, `${where} must be an http:// or https:// URL, e.g. https://registry.example.gov.vn/motcua/handoffs`);
      return diagnosticAt(source, path, `${where} is not an event name: write events in UPPER_SNAKE_CASE, e.g. RESULT_RECEIVED`);
    }
    case 'type':
      return diagnosticAt(source, path, `${where} must be ${article(String(params.type))}${path.length === 1 ? ' (write connectors: {} for none)' : ''}`);
    case 'uniqueItems':
      return diagnosticAt(source, path, `${where} lists an event twice; list each once`);
    default:
      return explainSchemaError(source, error, path, where);
  }
}

function invalid(file: string, diagnostics: Diagnostic[]): MotcuaError {
  const lines = sortDiagnostics(diagnostics).map(formatDiagnostic);
  return new MotcuaError('definition.invalid', `invalid connector declarations in ${file}:\n${lines.join('\n')}`, { lines });
}
