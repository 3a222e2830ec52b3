// Joins the declared connectors with this deployment's environment settings.
// A variable that names no declared connector is a mistake (a typo in the name,
// or a connector removed from connectors.yaml): start-up fails listing every
// such variable. A declared connector left unconfigured is not a mistake: the
// deployment may not use it, and its handoffs say what to set when it does.
import { MotcuaError } from '../../motcua-error.ts';
import { connectorVariable, type ConnectorDefinition, type ConnectorEnv, type ConnectorSettings } from './connector-settings.ts';

export function resolveConnectors(definitions: ConnectorDefinition[], env: ConnectorEnv): Map<string, ConnectorSettings> {
  const declared = new Map(definitions.map((d) => [d.name, d]));
  const problems: string[] = [];
  for (const [name, values] of Object.entries(env)) {
    if (declared.has(name)) continue;
    for (const setting of ['URL', 'SECRET'] as const)
      if ((setting === 'URL' ? values.url : values.secret) !== undefined)
        problems.push(`${connectorVariable(name, setting)} configures connector '${name}', which procedures/connectors.yaml does not declare (declared: ${[...declared.keys()].join(', ') || 'none'}); fix the name or remove the variable`);
  }
  if (problems.length) throw new MotcuaError('config.invalid', `invalid configuration:\n  ${problems.join('\n  ')}`, { problems });
  return new Map(definitions.map((d) => [d.name, { ...d, url: env[d.name]?.url ?? d.url, secret: env[d.name]?.secret ?? null }]));
}

/** Why a connector cannot be used in this deployment, naming the variable to set; null when it can. */
export function missingConnectorSetting(settings: ConnectorSettings): string | null {
  if (!settings.url) return `connector '${settings.name}' has no URL in this deployment: set ${connectorVariable(settings.name, 'URL')} (or url: in procedures/connectors.yaml)`;
  if (!settings.secret) return `connector '${settings.name}' has no shared secret in this deployment: set ${connectorVariable(settings.name, 'SECRET')}`;
  return null;
}
