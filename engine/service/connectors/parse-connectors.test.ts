// connectors.yaml: declarations with defaults, and every mistake positioned at once.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isMotcuaError } from '../../motcua-error.ts';
import { parseConnectors } from './parse-connectors.ts';

function linesOf(text: string): string[] {
  try {
    parseConnectors({ file: 'procedures/connectors.yaml', text });
  } catch (error) {
    if (isMotcuaError(error) && error.code === 'definition.invalid') return error.details.lines as string[];
    throw error;
  }
  throw new Error('expected the declarations to be refused');
}

describe('parseConnectors', () => {
  it('reads the catalogue connectors', async () => {
    const text = await readFile('procedures/connectors.yaml', 'utf8');
    expect(parseConnectors({ file: 'procedures/connectors.yaml', text })).toEqual([
      {
        name: 'national-business-registry',
        description: 'National business registration information system (Hệ thống thông tin quốc gia về đăng ký doanh nghiệp); records a registered household business and returns its registration number',
        url: null,
        timeoutMs: 10000,
        maxAttempts: 8,
        events: ['RESULT_RECEIVED', 'REGISTRATION_REFUSED'],
      },
    ]);
  });

  it('fills in the defaults: 10 s timeout, 8 attempts, no events', () => {
    expect(parseConnectors({ file: 'c.yaml', text: 'connectors:\n  land-registry:\n    description: Land database\n    url: https://land.example.gov.vn/in\n' })).toEqual([
      { name: 'land-registry', description: 'Land database', url: 'https://land.example.gov.vn/in', timeoutMs: 10000, maxAttempts: 8, events: [] },
    ]);
    expect(parseConnectors({ file: 'c.yaml', text: 'connectors: {}\n' })).toEqual([]);
  });

  it('reports every mistake with its line and column', () => {
    const text = [
      'connectors:',
      '  Land_Registry:',
      '    description: x',
      '  land-registry:',
      '    description: y',
      '    url: ftp://files.example.gov.vn',
      '    timeoutMs: 5',
      '    maxAttempts: two',
      '    events: [result_received, A, A]',
      '    secret: abc',
      '  portal: {}',
      '',
    ].join('\n');
    expect(linesOf(text)).toEqual([
      "procedures/connectors.yaml:2:3: connector name 'Land_Registry' must be lower-case kebab-case, e.g. land-registry",
      "procedures/connectors.yaml:6:10: 'connectors.land-registry.url' must be an http:// or https:// URL, e.g. https://registry.example.gov.vn/motcua/handoffs",
      "procedures/connectors.yaml:7:16: 'connectors.land-registry.timeoutMs' must be >= 100",
      "procedures/connectors.yaml:8:18: 'connectors.land-registry.maxAttempts' must be an integer",
      "procedures/connectors.yaml:9:13: 'connectors.land-registry.events' lists an event twice; list each once",
      "procedures/connectors.yaml:9:14: 'connectors.land-registry.events.0' is not an event name: write events in UPPER_SNAKE_CASE, e.g. RESULT_RECEIVED",
      "procedures/connectors.yaml:10:5: unknown key 'secret' in 'connectors.land-registry'; allowed keys: description, url, timeoutMs, maxAttempts, events",
      "procedures/connectors.yaml:11:11: 'connectors.portal' is missing 'description'; add it",
    ]);
  });

  it('explains an empty mapping and a YAML syntax error', () => {
    expect(linesOf('connectors:\n')).toEqual(["procedures/connectors.yaml:1:12: 'connectors' must be an object (write connectors: {} for none)"]);
    expect(linesOf('connectors:\n  a: [1\n')).toEqual(["procedures/connectors.yaml:2:6: YAML syntax: the '[' opened here is never closed; end it with ']' on the same line (and quote any text inside that contains a comma or a colon)"]);
  });
});
