#!/usr/bin/env node
// The `motcua` command (package.json "bin"): loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/motcua.ts');
