// The connector settings of the process configuration: shapes only; which
// connector names exist is checked against procedures/connectors.yaml at start-up.
import { describe, expect, it } from 'vitest';
import { isMotcuaError } from '../engine/motcua-error.ts';
import { parseConfig } from './config.ts';

const secret = 'a'.repeat(64);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (isMotcuaError(error)) return error.details.problems as string[];
    throw error;
  }
  return [];
}

describe('connector configuration', () => {
  it('has no connector settings, a 10 s first backoff and no public URL by default', () => {
    expect(parseConfig({})).toMatchObject({ connectors: {}, connectorRetryDelayMs: 10_000, publicUrl: null });
  });

  it('keys CONNECTOR_<NAME>_URL and _SECRET by the kebab-case connector name', () => {
    const config = parseConfig({
      CONNECTOR_NATIONAL_BUSINESS_REGISTRY_URL: 'https://dkkd.example.gov.vn/motcua',
      CONNECTOR_NATIONAL_BUSINESS_REGISTRY_SECRET: secret,
      CONNECTOR_LAND_REGISTRY_SECRET: secret,
      CONNECTOR_RETRY_DELAY_MS: '250',
      PUBLIC_URL: 'https://motcua.bacninh.gov.vn/',
    });
    expect(config.connectors).toEqual({
      'national-business-registry': { url: 'https://dkkd.example.gov.vn/motcua', secret },
      'land-registry': { secret },
    });
    expect(config.connectorRetryDelayMs).toBe(250);
    expect(config.publicUrl).toBe('https://motcua.bacninh.gov.vn');
  });

  it('lists every bad connector variable at once and never echoes a secret', () => {
    const problems = problemsOf({
      CONNECTOR_LAND_REGISTRY_URL: 'ftp://files.example.gov.vn',
      CONNECTOR_LAND_REGISTRY_SECRET: 'short-secret',
      CONNECTOR_PORTAL_SECRT: secret,
      CONNECTOR_PORTAL_URL: 'not a url',
      CONNECTOR_RETRY_DELAY_MS: '0',
      PUBLIC_URL: 'motcua.bacninh.gov.vn',
    });
    expect(problems).toEqual([
      'CONNECTOR_LAND_REGISTRY_SECRET must be at least 32 characters (it is 12); generate one with: openssl rand -hex 32',
      'CONNECTOR_LAND_REGISTRY_URL must start with http:// or https://',
      "CONNECTOR_PORTAL_SECRT is not a connector setting; set CONNECTOR_<NAME>_URL or CONNECTOR_<NAME>_SECRET, NAME being the connector's name in upper case with - as _ (e.g. CONNECTOR_NATIONAL_BUSINESS_REGISTRY_SECRET)",
      'CONNECTOR_PORTAL_URL is not a URL (e.g. https://registry.example.gov.vn/motcua/handoffs)',
      'CONNECTOR_RETRY_DELAY_MS=0 must be a whole number from 1 to 3600000',
      'PUBLIC_URL=motcua.bacninh.gov.vn is not a URL (e.g. https://motcua.bacninh.gov.vn)',
    ]);
    expect(problems.join('\n')).not.toContain('short-secret');
  });
});
