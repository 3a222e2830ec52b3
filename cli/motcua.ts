// Entry point of the motcua command line (bin/motcua.js loads it through tsx).
// The only place that reads process.argv and sets the exit code.
import { createNodeIo } from './create-node-io.ts';
import { runMotcua } from './run-motcua.ts';

process.exitCode = await runMotcua(process.argv.slice(2), createNodeIo());
