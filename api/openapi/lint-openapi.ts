// npm run lint:openapi — writes the OpenAPI document the server serves to a
// temporary file and runs Redocly's linter on it (recommended rules; redocly.yaml).
// Exits with the linter's status.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../routes/openapi-routes.ts';
import { apiOperations } from './api-operations.ts';

const dir = mkdtempSync(join(tmpdir(), 'motcua-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, `${JSON.stringify(openApiDocument(apiOperations), null, 2)}\n`);
const root = fileURLToPath(new URL('../../', import.meta.url));
const result = spawnSync(join(root, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', join(root, 'redocly.yaml')], { stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
