// The motcua command line run for real, as a child process from the repository
// root, with the exact output and exit code a policy author sees.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

function motcua(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'cli/motcua.ts', ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
}

const FIXTURES = 'engine/definition/fixtures';

/** The run without its warning lines: these tests are about errors; the warnings have their own test. */
function withoutWarnings(run: Run): Run {
  return { ...run, stdout: run.stdout.filter((line) => !line.includes(': warning: ')) };
}
const TIMEOUT = 30_000;

describe('motcua validate', () => {
  it('passes on the catalogue', async () => {
    expect(await motcua('validate', 'procedures/')).toEqual({ code: 0, stdout: ['checked 9 procedure files: no problems'], stderr: [] });
  }, TIMEOUT);

  it('prints every problem as file:line:col: message and exits 1', async () => {
    expect(withoutWarnings(await motcua('validate', `${FIXTURES}/unknown-unit.yaml`, `${FIXTURES}/parallel.yaml`))).toEqual({
      code: 1,
      stdout: [
        `${FIXTURES}/unknown-unit.yaml:6:30: unit 'so-giao-thong' does not exist; name an existing department`,
        `${FIXTURES}/unknown-unit.yaml:19:19: unit 'so-xay-dung-cu' does not exist; did you mean so-xay-dung?`,
        'checked 2 procedure files: 2 problems in 1 file, 26 warnings',
      ],
      stderr: [],
    });
  }, TIMEOUT);

  it('reports two files with the same code and version', async () => {
    expect(withoutWarnings(await motcua('validate', `${FIXTURES}/duplicate-version-a.yaml`, `${FIXTURES}/duplicate-version-b.yaml`))).toEqual({
      code: 1,
      stdout: [
        `${FIXTURES}/duplicate-version-b.yaml:3:10: procedure 9.000001 version 2 is already defined in ${FIXTURES}/duplicate-version-a.yaml; give this file the next version number or correct its code`,
        'checked 2 procedure files: 1 problem in 1 file, 6 warnings',
      ],
      stderr: [],
    });
  }, TIMEOUT);

  it('checks calendars against the calendar folder', async () => {
    expect(withoutWarnings(await motcua('validate', `${FIXTURES}/unknown-calendar.yaml`))).toEqual({
      code: 1,
      stdout: [`${FIXTURES}/unknown-calendar.yaml:7:11: calendar 'vn-south' does not exist; known calendars: vn`, 'checked 1 procedure file: 1 problem in 1 file, 3 warnings'],
      stderr: [],
    });
  }, TIMEOUT);

  it('exits 2 for a path that does not exist or a province file that cannot be read', async () => {
    expect(await motcua('validate', 'procedures/nothing-here.yaml')).toEqual({ code: 2, stdout: [], stderr: ['motcua validate: no such file or folder: procedures/nothing-here.yaml'] });
    expect(await motcua('validate', '--province', 'nowhere.yaml')).toEqual({
      code: 2,
      stdout: [],
      stderr: ['cannot read the province file nowhere.yaml: units are checked against it; run motcua from the repository root or pass --province FILE'],
    });
  }, TIMEOUT);
});

describe('motcua diagram', () => {
  it('prints a Mermaid state diagram by default', async () => {
    const run = await motcua('diagram', `${FIXTURES}/valid.yaml`);
    expect(run.code).toBe(0);
    expect(run.stdout.slice(0, 7)).toEqual(['---', 'title: Sample procedure (9.000001 v1)', '---', 'stateDiagram-v2', '  direction TB', '  state "reception" as reception', '  reception : status 1 · receiving desk']);
    expect(run.stdout).toContain('  processing --> approved : APPROVE (leader) · when data.applicant.adult');
  }, TIMEOUT);

  it('prints a standalone SVG with --format svg', async () => {
    const run = await motcua('diagram', `${FIXTURES}/parallel.yaml`, '--format', 'svg');
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+"/);
    expect(run.stdout.at(-1)).toBe('</svg>');
  }, TIMEOUT);

  it('refuses an unknown format and an invalid definition', async () => {
    expect(await motcua('diagram', `${FIXTURES}/valid.yaml`, '--format', 'png')).toEqual({
      code: 2,
      stdout: [],
      stderr: ["motcua diagram: unknown format 'png'; use mermaid or svg", 'Usage: motcua diagram FILE [--format mermaid|svg]'],
    });
    expect(await motcua('diagram', `${FIXTURES}/missing-status.yaml`)).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        `${FIXTURES}/missing-status.yaml:16:3: state 'processing' has no national-portal status code; add status: 1–10 (4 = in progress)`,
        `motcua diagram: ${FIXTURES}/missing-status.yaml is not a valid procedure; fix the problems above (motcua validate lists them all)`,
      ],
    });
  }, TIMEOUT);
});

describe('motcua explain', () => {
  it('prints the summary and the longest path', async () => {
    const run = await motcua('explain', 'procedures/first-land-use-certificate.yaml');
    expect(run.code).toBe(0);
    expect(run.stdout.slice(0, 3)).toEqual([
      'First registration of land and issue of the land-use right certificate — Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
      'code 1.012753 · version 1 · level commune · sector land',
      'statutory time: 20 working days · calendar vn',
    ]);
    expect(run.stdout.at(-1)).toBe(
      'longest path: 20 working days of step budgets on the statutory clock (limit 20 working days): reception → transfer → arrived-at-land-office → review → transfer-to-commune → signature → return-transfer → result-arrived → result-ready → returned',
    );
  }, TIMEOUT);
});

describe('motcua test', () => {
  it('runs every scenario of the catalogue', async () => {
    const run = await motcua('test');
    expect(run.code).toBe(0);
    expect(run.stdout.filter((line) => !line.startsWith('PASS '))).toEqual(['33 scenarios in 9 files: 33 passed, 0 failed']);
  }, TIMEOUT);

  it('prints an expected/actual diff for a wrong expectation and exits 1', async () => {
    expect(await motcua('test', 'cli/fixtures/wrong-expectation')).toEqual({
      code: 1,
      stdout: [
        'FAIL cli/fixtures/wrong-expectation/sample.scenarios.yaml › accepted before Tết',
        '  step 1: ACCEPT by receiver at hop-thinh, 2026-02-12T09:10+07:00 (cli/fixtures/wrong-expectation/sample.scenarios.yaml:10:9)',
        '    dueAt  expected: 2026-02-17T17:00+07:00',
        '           actual:   2026-02-24T17:00:00+07:00',
        'FAIL cli/fixtures/wrong-expectation/sample.scenarios.yaml › a minor is approved',
        '  step 2: APPROVE by leader at hop-thinh, 2026-03-02T10:00+07:00 (cli/fixtures/wrong-expectation/sample.scenarios.yaml:26:9)',
        '    error  expected: none: the step is allowed',
        "           actual:   transition.guard-failed: APPROVE is not possible in state 'processing': data.adult is false",
        'PASS cli/fixtures/wrong-expectation/sample.scenarios.yaml › accepted on a normal day (1 step)',
        '3 scenarios in 1 file: 1 passed, 2 failed',
      ],
      stderr: [],
    });
  }, TIMEOUT);

  it('reports mistakes in a scenario file at their place', async () => {
    expect(await motcua('test', 'cli/fixtures/broken-scenarios/sample.scenarios.yaml')).toEqual({
      code: 1,
      stdout: [
        'ERROR cli/fixtures/broken-scenarios/sample.scenarios.yaml: cannot run its scenarios',
        "  cli/fixtures/broken-scenarios/sample.scenarios.yaml:6:19: 'scenarios.0.given.receivedAt' is not a date-time: write e.g. 2026-02-13T16:00+07:00",
        "  cli/fixtures/broken-scenarios/sample.scenarios.yaml:9:9: 'scenarios.0.steps.0' is missing 'unit'; add it (the actor's unit, e.g. hop-thinh; only role: system needs none)",
        "  cli/fixtures/broken-scenarios/sample.scenarios.yaml:10:16: 'scenarios.0.steps.0.event' is not an event name: write events in UPPER_SNAKE_CASE, e.g. ACCEPT",
        "  cli/fixtures/broken-scenarios/sample.scenarios.yaml:12:38: unknown key 'due' in 'scenarios.0.steps.0.expect'; allowed keys: state, status, unit, dueAt, stepDueAt, paused, outcome, form, error",
        '0 scenarios in 1 file: 0 passed, 0 failed, 1 file could not run',
      ],
      stderr: [],
    });
  }, TIMEOUT);
});

describe('motcua', () => {
  it('delegates due to the due command', async () => {
    const run = await motcua('due', '--from', '2026-02-13T16:00', '--working-days', '3');
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toBe('2026-02-25T17:00:00+07:00');
  }, TIMEOUT);

  it('exits 2 for an unknown command, and with the usage when none is given', async () => {
    expect(await motcua('publish')).toEqual({ code: 2, stdout: [], stderr: ["motcua: unknown command 'publish'; commands: validate, diagram, explain, test, due"] });
    const bare = await motcua();
    expect(bare.code).toBe(2);
    expect(bare.stderr[0]).toBe('Usage: motcua <command> [arguments]');
  }, TIMEOUT);

  it('runs through the bin shim', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile(process.execPath, ['bin/motcua.js', 'validate', `${FIXTURES}/valid.yaml`], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: stdout.trim().split('\n'), stderr: stderr ? [stderr] : [] }),
      );
    });
    expect(withoutWarnings(run)).toEqual({ code: 0, stdout: ['checked 1 procedure file: no problems, 9 warnings'], stderr: [] });
  }, TIMEOUT);
});
