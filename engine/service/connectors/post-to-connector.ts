// One signed POST to an external system. The answer decides what happens next:
// 2xx accepted; 5xx, 408, 409, 425, 429, a timeout or an unreachable host are
// worth retrying; any other answer (a 400 or 401, a redirect) will not change by
// itself, so it is not retried and goes to the dead-letter list at once, where a
// supervisor retries it once the cause is fixed.
import { MotcuaError } from '../../motcua-error.ts';
import type { ConnectorSettings } from './connector-settings.ts';
import { signatureHeader, signRequest, timestampHeader, unixSeconds } from './sign-request.ts';

const retryableStatuses = new Set([408, 409, 425, 429]);

export async function postToConnector(connector: ConnectorSettings & { url: string; secret: string }, request: { idempotencyKey: string; body: string; now: Date }): Promise<void> {
  const timestamp = unixSeconds(request.now);
  const target = `POST ${connector.url}`;
  let status: number;
  let answer: string;
  try {
    const response = await fetch(connector.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': request.idempotencyKey,
        [timestampHeader]: String(timestamp),
        [signatureHeader]: signRequest(connector.secret, timestamp, request.body),
      },
      body: request.body,
      // A redirect would re-send the signed dossier to an address nobody configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(connector.timeoutMs),
    });
    status = response.status;
    answer = await response.text();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError')
      throw failed(connector, `${connector.name} did not answer ${target} within ${connector.timeoutMs} ms`, true);
    throw failed(connector, `${connector.name} could not be reached (${target}): ${reasonOf(error)}`, true);
  }
  if (status >= 200 && status < 300) return;
  const excerpt = answer.replace(/\s+/g, ' ').trim().slice(0, 300);
  const retryable = status >= 500 || retryableStatuses.has(status);
  const hint = status >= 300 && status < 400 ? '; set the connector URL to the final address' : '';
  throw failed(connector, `${connector.name} answered HTTP ${status} to ${target}${excerpt ? `: ${excerpt}` : ''}${hint}`, retryable, status);
}

function failed(connector: ConnectorSettings, message: string, retryable: boolean, status: number | null = null): MotcuaError {
  return new MotcuaError('connector.request-failed', message, { connector: connector.name, status, retryable });
}

/** fetch reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND, …) in its cause. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
