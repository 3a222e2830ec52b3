// `motcua test [paths…]`: runs the scenario tests of every procedure under the
// paths (procedures/ by default). A procedure's scenarios are the file its
// `scenarios:` key names, else <name>.scenarios.yaml beside it; a scenario file
// may also be named directly. Exit 0 when every scenario passes, 1 when one
// fails or cannot run, 2 for bad arguments.
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../engine/definition/diagnostic.ts';
import { diagnosticAt, parseYamlSource } from '../engine/definition/yaml-source.ts';
import { formatScenarioRun } from '../engine/scenario/format-scenario-run.ts';
import { runScenarios } from '../engine/scenario/run-scenarios.ts';
import type { CliIo } from './cli-io.ts';
import { collectProcedureFiles, displayPath } from './collect-procedure-files.ts';
import { ContextError, readCheckContext } from './read-check-context.ts';

export const TEST_USAGE: readonly string[] = [
  'Usage: motcua test [paths…] [--province FILE] [--calendars DIR]',
  '  paths        procedure files, scenario files (*.scenarios.yaml) or folders (default: procedures/)',
  '  --province   the province file (default: procedures/province.yaml)',
  '  --calendars  the folder of calendar files (default: procedures/calendars)',
];

const SCENARIO_FILE = /\.scenarios\.ya?ml$/;

export async function runTestCommand(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: { province: { type: 'string' }, calendars: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(`motcua test: ${(error as Error).message}`);
    io.stderr(TEST_USAGE[0]!);
    return 2;
  }
  if (args.values.help) {
    TEST_USAGE.forEach((line) => io.stdout(line));
    return 0;
  }

  const paths = args.positionals.length ? args.positionals : ['procedures'];
  const direct = paths.filter((p) => SCENARIO_FILE.test(p));
  const { files, missing } = await collectProcedureFiles(paths.filter((p) => !SCENARIO_FILE.test(p)), io);
  for (const path of direct) if ((await io.kindOf(path)) !== 'file') missing.push(path);
  if (missing.length) {
    missing.forEach((path) => io.stderr(`motcua test: no such file or folder: ${path}`));
    return 2;
  }
  let setup;
  try {
    setup = await readCheckContext(io, args.values);
  } catch (error) {
    if (!(error instanceof ContextError)) throw error;
    error.lines.forEach((line) => io.stderr(line));
    return error.exitCode;
  }

  // Pair each procedure with its scenario file; problems in the pairing are errors of the run.
  const pairs: Array<{ procedure: string; scenarios: string }> = [];
  const errors: string[] = [];
  let untested = 0;
  for (const file of files) {
    const text = await io.readFile(file);
    const { source } = parseYamlSource(text, file);
    const linked = (source?.value as { scenarios?: unknown } | null | undefined)?.scenarios;
    if (typeof linked === 'string') {
      const path = displayPath(io, join(dirname(file), linked));
      if ((await io.kindOf(path)) === 'file') pairs.push({ procedure: file, scenarios: path });
      else errors.push(formatDiagnostic(diagnosticAt(source!, ['scenarios'], `scenario file ${linked} does not exist (looked for ${path}); create it or correct scenarios:`)));
      continue;
    }
    const beside = file.replace(/\.ya?ml$/, '.scenarios.yaml');
    if ((await io.kindOf(beside)) === 'file') pairs.push({ procedure: file, scenarios: beside });
    else {
      io.stdout(`NONE ${file}: no scenarios; write ${basename(beside)} beside it`);
      untested++;
    }
  }
  for (const path of direct.map((p) => displayPath(io, p))) {
    if (pairs.some((p) => p.scenarios === path)) continue;
    const { source } = parseYamlSource(await io.readFile(path), path);
    const named = (source?.value as { procedure?: unknown } | null | undefined)?.procedure;
    const procedure = displayPath(io, typeof named === 'string' ? join(dirname(path), named) : path.replace(SCENARIO_FILE, '.yaml'));
    if ((await io.kindOf(procedure)) === 'file') pairs.push({ procedure, scenarios: path });
    else errors.push(`${path}:1:1: no procedure ${procedure} for these scenarios; add procedure: <file> naming the definition they test`);
  }

  let passed = 0;
  let failed = 0;
  let broken = 0;
  for (const pair of pairs) {
    const run = runScenarios({
      procedure: { file: pair.procedure, text: await io.readFile(pair.procedure) },
      scenarios: { file: pair.scenarios, text: await io.readFile(pair.scenarios) },
      calendars: setup.calendars,
      context: setup.context,
    });
    formatScenarioRun(run).forEach((line) => io.stdout(line));
    if (run.diagnostics.length) broken++;
    for (const result of run.results) {
      if (result.failure) failed++;
      else passed++;
    }
  }
  errors.forEach((line) => io.stdout(`ERROR ${line}`));
  broken += errors.length;

  const total = passed + failed;
  const parts = [`${passed} passed`, `${failed} failed`];
  if (broken) parts.push(`${broken} ${broken === 1 ? 'file' : 'files'} could not run`);
  if (untested) parts.push(`${untested} ${untested === 1 ? 'procedure' : 'procedures'} without scenarios`);
  io.stdout(`${total} ${total === 1 ? 'scenario' : 'scenarios'} in ${pairs.length} ${pairs.length === 1 ? 'file' : 'files'}: ${parts.join(', ')}`);
  return failed || broken ? 1 : 0;
}
