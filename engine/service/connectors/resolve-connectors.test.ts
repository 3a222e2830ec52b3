// Declared connectors joined with the environment: unknown names fail start-up,
// unconfigured ones say which variable to set.
import { describe, expect, it } from 'vitest';
import type { ConnectorDefinition } from './connector-settings.ts';
import { missingConnectorSetting, resolveConnectors } from './resolve-connectors.ts';

const registry: ConnectorDefinition = { name: 'national-business-registry', description: 'registry', url: 'https://dkkd.example.gov.vn/in', timeoutMs: 10000, maxAttempts: 8, events: ['RESULT_RECEIVED'] };
const secret = 'b'.repeat(40);

describe('resolveConnectors', () => {
  it('takes the secret from the environment and lets CONNECTOR_<NAME>_URL override the declared url', () => {
    const settings = resolveConnectors([registry], { 'national-business-registry': { url: 'http://127.0.0.1:9999/test', secret } });
    expect(settings.get('national-business-registry')).toEqual({ ...registry, url: 'http://127.0.0.1:9999/test', secret });
    expect(resolveConnectors([registry], {}).get('national-business-registry')).toEqual({ ...registry, secret: null });
  });

  it('refuses variables naming a connector connectors.yaml does not declare, listing each', () => {
    expect(() => resolveConnectors([registry], { 'land-registy': { url: 'https://land.example.gov.vn', secret } })).toThrow(
      [
        'invalid configuration:',
        "  CONNECTOR_LAND_REGISTY_URL configures connector 'land-registy', which procedures/connectors.yaml does not declare (declared: national-business-registry); fix the name or remove the variable",
        "  CONNECTOR_LAND_REGISTY_SECRET configures connector 'land-registy', which procedures/connectors.yaml does not declare (declared: national-business-registry); fix the name or remove the variable",
      ].join('\n'),
    );
  });

  it('says which variable an unconfigured connector needs', () => {
    expect(missingConnectorSetting({ ...registry, url: null, secret })).toBe(
      "connector 'national-business-registry' has no URL in this deployment: set CONNECTOR_NATIONAL_BUSINESS_REGISTRY_URL (or url: in procedures/connectors.yaml)",
    );
    expect(missingConnectorSetting({ ...registry, secret: null })).toBe("connector 'national-business-registry' has no shared secret in this deployment: set CONNECTOR_NATIONAL_BUSINESS_REGISTRY_SECRET");
    expect(missingConnectorSetting({ ...registry, secret })).toBeNull();
  });
});
