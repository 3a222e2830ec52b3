// Logins under attack: /v1/me latency alone, then while 40 bad logins arrive in
// parallel (each from its own address with an unknown username, so no counter
// blocks them and every one costs a full scrypt), and login throughput beside
// it. The API runs as its own process (server/main.ts, PROCESS_ROLE=api) so the
// load generator does not share its event loop.
import { ApiClient } from '../test/api-client.ts';
import { fmt, percentile, rate } from './measure.ts';
import { startApi } from './start-api.ts';

export async function benchLogins(databaseUrl: string, seconds: number): Promise<string[]> {
  const api = await startApi(databaseUrl);
  try {
    const me = await ApiClient.login(api.url, 'receiver.hop-thinh');
    const meOnce = async () => {
      const res = await me.get('/v1/me');
      if (res.status !== 200) throw new Error(`/v1/me answered ${res.status}`);
    };
    let attacker = 0;
    const badLogin = async () => {
      const n = attacker++;
      // A distributed guesser: a new address and username each time, so every attempt costs a scrypt.
      const res = await new ApiClient(api.url).post('/v1/auth/login', { username: `guess-${n}`, password: 'wrong' }, { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
      if (res.status !== 401) throw new Error(`a bad login answered ${res.status}`);
    };
    let good = 0;
    const goodLogin = async () => {
      const n = good++;
      const res = await new ApiClient(api.url).post('/v1/auth/login', { username: 'specialist.hop-thinh', password: 'demo' }, { 'x-forwarded-for': `172.16.${(n >> 8) & 255}.${n & 255}` });
      if (res.status !== 200) throw new Error(`a good login answered ${res.status}`);
    };

    const alone = await rate('me alone', seconds, meOnce);
    const loginsAlone = await rate('logins alone', seconds, goodLogin, 4);
    // 40 bad logins in parallel for the whole measurement, /v1/me and good logins beside them.
    let attacking = true;
    const attackers = Array.from({ length: 40 }, async () => {
      while (attacking) await badLogin();
    });
    const [underAttack, loginsUnderAttack] = await Promise.all([rate('me under attack', seconds, meOnce), rate('logins under attack', seconds, goodLogin, 4)]);
    const badCount = attacker;
    attacking = false;
    await Promise.all(attackers);

    const p = (r: { latencies: number[] }, q: number) => fmt(percentile(r.latencies, q), 1);
    return [
      'logins under 40 parallel bad logins (API in its own process, scrypt bounded)',
      `  /v1/me alone:                 p50 ${p(alone, 50)} ms, p95 ${p(alone, 95)} ms, p99 ${p(alone, 99)} ms (${fmt(alone.perSecond)} req/s)`,
      `  /v1/me with 40 bad logins:    p50 ${p(underAttack, 50)} ms, p95 ${p(underAttack, 95)} ms, p99 ${p(underAttack, 99)} ms (${fmt(underAttack.perSecond)} req/s)`,
      `  ratio (p50 under attack / alone): ${fmt(percentile(underAttack.latencies, 50) / percentile(alone.latencies, 50), 2)}×; p95 ${fmt(percentile(underAttack.latencies, 95) / percentile(alone.latencies, 95), 2)}×`,
      `  good logins alone:            ${fmt(loginsAlone.perSecond, 1)} /s (4 clients), p50 ${p(loginsAlone, 50)} ms`,
      `  good logins with the attack:  ${fmt(loginsUnderAttack.perSecond, 1)} /s (4 clients), p50 ${p(loginsUnderAttack, 50)} ms; bad logins answered: ${fmt(badCount / seconds, 1)} /s`,
      '',
    ];
  } finally {
    await api.stop();
  }
}
