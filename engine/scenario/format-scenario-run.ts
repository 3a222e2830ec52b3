// The lines `motcua test` prints for one scenario file: PASS or FAIL per
// scenario and, under a failure, the step with its place in the file and an
// expected/actual pair per field that differs.
import { formatDiagnostic } from '../definition/diagnostic.ts';
import type { ScenarioRun } from './run-scenarios.ts';

export function formatScenarioRun(run: ScenarioRun): string[] {
  if (run.diagnostics.length) return [`ERROR ${run.scenarioFile}: cannot run its scenarios`, ...run.diagnostics.map((d) => `  ${formatDiagnostic(d)}`)];
  const lines: string[] = [];
  for (const result of run.results) {
    if (!result.failure) {
      lines.push(`PASS ${run.scenarioFile} › ${result.name} (${result.steps} ${result.steps === 1 ? 'step' : 'steps'})`);
      continue;
    }
    const { failure } = result;
    lines.push(`FAIL ${run.scenarioFile} › ${result.name}`);
    lines.push(`  ${failure.step === 0 ? 'given' : `step ${failure.step}: ${failure.description}`} (${run.scenarioFile}:${failure.line}:${failure.col})`);
    const width = Math.max(...failure.mismatches.map((m) => m.field.length));
    for (const m of failure.mismatches) {
      lines.push(`    ${m.field.padEnd(width)}  expected: ${m.expected}`);
      lines.push(`    ${' '.repeat(width)}  actual:   ${m.actual}`);
    }
  }
  return lines;
}
