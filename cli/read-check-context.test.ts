// Connector names in the check context: read from the connectors.yaml beside
// the province file, so `motcua validate` refuses a handoff to an undeclared one.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.ts';
import { ContextError, readCheckContext } from './read-check-context.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function memoryIo(files: Record<string, string>): CliIo {
  const directories = new Set(Object.keys(files).flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  return {
    cwd: '/',
    readFile: async (path) => {
      if (!(path in files)) throw new Error(`ENOENT: ${path}`);
      return files[path]!;
    },
    kindOf: async (path) => (path in files ? 'file' : directories.has(path) ? 'directory' : null),
    readDir: async (path) => Object.keys(files).filter((f) => f.startsWith(`${path}/`) && !f.slice(path.length + 1).includes('/')).map((f) => ({ name: f.slice(path.length + 1), directory: false })),
    listCalendarFiles: async () => [],
    stdout: () => {},
    stderr: () => {},
  };
}

const province = 'province: Bắc Ninh\nunits:\n  - { id: hop-thinh, code: H04.101, level: commune, name: { vi: Hợp Thịnh, en: Hop Thinh } }\n';
const calendar = 'year: 2026\n';

describe('readCheckContext', () => {
  it('names the connectors of the connectors.yaml beside the province file', async () => {
    const io = memoryIo({
      'cat/province.yaml': province,
      'cat/calendars/vn-2026.yaml': calendar,
      'cat/connectors.yaml': 'connectors:\n  land-registry: { description: Land database }\n  national-public-service-portal: { description: Portal }\n',
    });
    const { context } = await readCheckContext(io, { province: 'cat/province.yaml', calendars: 'cat/calendars' });
    expect(context.connectors).toEqual(new Set(['land-registry', 'national-public-service-portal']));
  });

  it('has no connectors when there is no connectors.yaml', async () => {
    const { context } = await readCheckContext(memoryIo({ 'cat/province.yaml': province, 'cat/calendars/vn-2026.yaml': calendar }), { province: 'cat/province.yaml', calendars: 'cat/calendars' });
    expect(context.connectors).toEqual(new Set());
  });

  it('stops with the positioned problems of a broken connectors.yaml', async () => {
    const io = memoryIo({ 'cat/province.yaml': province, 'cat/calendars/vn-2026.yaml': calendar, 'cat/connectors.yaml': 'connectors:\n  land-registry: { url: https://land.example.gov.vn }\n' });
    const error = await readCheckContext(io, { province: 'cat/province.yaml', calendars: 'cat/calendars' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContextError);
    expect([(error as ContextError).lines, (error as ContextError).exitCode]).toEqual([["cat/connectors.yaml:2:18: 'connectors.land-registry' is missing 'description'; add it"], 1]);
  });

  it('makes motcua validate refuse a handoff to an undeclared connector', async () => {
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'cli/motcua.ts', 'validate', 'cli/fixtures/unknown-connector/registry-handoff.yaml'], { cwd: root }, (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }));
    });
    // Warnings (missing titles) are left out: this test is about the connector.
    expect({ ...run, stdout: run.stdout.split('\n').filter((line) => !line.includes(': warning: ')).join('\n') }).toEqual({
      code: 1,
      stdout: [
        "cli/fixtures/unknown-connector/registry-handoff.yaml:20:27: connector 'land-registry' does not exist; declare it in procedures/connectors.yaml (known: national-business-registry)",
        'checked 1 procedure file: 1 problem in 1 file, 7 warnings',
        '',
      ].join('\n'),
    });
  }, 30_000);
});
