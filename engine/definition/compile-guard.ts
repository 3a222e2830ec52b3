// Guards are CEL expressions (Common Expression Language), evaluated by
// @marcbachmann/cel-js: non-Turing-complete, no access to anything but the
// variables handed in. Never eval or new Function.
import { Environment } from '@marcbachmann/cel-js';

/** What a guard can see: the dossier's data, the event's input, who acts, and the dossier's units. */
export interface GuardScope {
  data: Record<string, unknown>;
  input: Record<string, unknown>;
  actor: { role: string; unit: string };
  units: { receiving: string; competent: string; return: string };
}

export type GuardResult = { ok: true } | { ok: false; reason: string };

export interface CompiledGuard {
  expression: string;
  evaluate(scope: GuardScope): GuardResult;
}

const environment = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
  .registerVariable('data', 'map')
  .registerVariable('input', 'map')
  .registerVariable('actor', 'map')
  .registerVariable('units', 'map');

export const guardVariables = ['data', 'input', 'actor', 'units'] as const;

/** Parses and type-checks; throws the library's error (with a caret line) when invalid. */
export function compileGuard(expression: string): CompiledGuard {
  const program = environment.parse(expression);
  const checked = program.check();
  if (!checked.valid) throw new Error(checked.error?.message ?? 'the expression does not type-check');
  if (checked.type !== 'bool' && checked.type !== 'dyn') throw new Error(`the expression yields ${checked.type}, not bool; a guard must be true or false`);
  return {
    expression,
    evaluate(scope) {
      try {
        const value = program(scope as unknown as Record<string, unknown>);
        return value === true ? { ok: true } : { ok: false, reason: `${expression} is false` };
      } catch (error) {
        // A missing field makes the condition unmet rather than crashing the step.
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
        return { ok: false, reason: `${expression} could not be evaluated: ${message}` };
      }
    },
  };
}

/**
 * The parse error's first line, for positioned diagnostics. An empty guard gets
 * the likely cause instead of the parser's "Unexpected token: EOF": an unquoted
 * value starting with `!` is a YAML tag, and the text left over can be empty.
 */
export function explainGuardError(error: unknown, expression = ''): string {
  if (expression.trim() === '') return 'the guard is empty; write a condition, and quote it if it starts with ! (when: "!data.x"), or YAML reads it as a tag';
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
