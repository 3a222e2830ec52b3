// The load generator of the HTTP advance benchmark, run as its own process so
// it does not share a CPU budget or an event loop with the API it measures.
// Input: one JSON argument { url, seconds, connections, dossiers, specialist,
// leader } (tokens of the two officers). Output: one JSON line on stdout
// { requests, perSecond, p50Ms, p99Ms, failed }.
//
// Each pipeline takes a free dossier, moves it processing → signature
// (specialist) and back (leader), then frees it: no two connections ever
// advance the same dossier, so no request loses a version race.
import autocannon from 'autocannon';

interface LoadInput { url: string; seconds: number; connections: number; dossiers: string[]; specialist: string; leader: string }

const input = JSON.parse(process.argv[2] ?? '{}') as LoadInput;
const free = [...input.dossiers];
const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

const instance = autocannon(
  {
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          const id = free.shift();
          if (!id) throw new Error('more connections than dossiers');
          context.id = id;
          return { ...req, path: `/v1/dossiers/${id}/events`, headers: headers(input.specialist), body: JSON.stringify({ type: 'PROPOSE_APPROVAL' }) };
        },
      },
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({ ...req, path: `/v1/dossiers/${String(context.id)}/events`, headers: headers(input.leader), body: JSON.stringify({ type: 'RETURN_FOR_REVIEW' }) }),
        onResponse: (_status: number, _body: string, context: Record<string, unknown>) => {
          free.push(String(context.id));
        },
      },
    ],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`${JSON.stringify({ requests: result.requests.total, perSecond: result.requests.total / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts })}\n`);
  },
);
process.on('SIGTERM', () => instance.stop());
