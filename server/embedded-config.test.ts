// The embedded PostgreSQL settings of the process configuration.
import { expect, it } from 'vitest';
import { parseConfig } from './config.ts';

it('runs the embedded server under .data on any free port, with /var/lib/motcua for when root cannot keep it in the project', () => {
  expect(parseConfig({})).toMatchObject({ databaseUrl: null, dataDir: '.data', embeddedPgPort: null, embeddedPgHome: '/var/lib/motcua' });
  expect(parseConfig({ EMBEDDED_PG_HOME: '/srv/motcua', EMBEDDED_PG_PORT: '5544' })).toMatchObject({ embeddedPgHome: '/srv/motcua', embeddedPgPort: 5544 });
});

it('refuses a relative EMBEDDED_PG_HOME', () => {
  expect(() => parseConfig({ EMBEDDED_PG_HOME: 'var/motcua' })).toThrow('EMBEDDED_PG_HOME=var/motcua must be an absolute path (e.g. /var/lib/motcua)');
});
