// The motcua command line: picks the subcommand and hands it the arguments
// that follow. Each subcommand returns its exit code; nothing here exits.
import type { CliIo } from './cli-io.ts';
import { runDiagramCommand } from './diagram-command.ts';
import { runDueCommand } from './due-command.ts';
import { runExplainCommand } from './explain-command.ts';
import { runTestCommand } from './test-command.ts';
import { runValidateCommand } from './validate-command.ts';

export const MOTCUA_USAGE: readonly string[] = [
  'Usage: motcua <command> [arguments]',
  '',
  'Commands:',
  '  validate [paths…]                       check procedure definitions (default: procedures/); exit 1 on any problem',
  '  diagram FILE [--format mermaid|svg]     print the state diagram of a procedure',
  '  explain FILE                            summarize a procedure: states, roles, budgets, longest path',
  '  test [paths…]                           run the scenario tests linked from procedure definitions',
  '  due --from DATE-TIME --working-days N   compute a due date on the working-time calendar',
  '',
  'Run motcua <command> --help for the options of a command.',
];

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  validate: runValidateCommand,
  diagram: runDiagramCommand,
  explain: runExplainCommand,
  test: runTestCommand,
  due: runDueCommand,
};

export async function runMotcua(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    MOTCUA_USAGE.forEach((line) => (command === undefined ? io.stderr(line) : io.stdout(line)));
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`motcua: unknown command '${command}'; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  return run(rest, io);
}
