// autocannon ships no types; the benchmark's load generator uses its callback form only.
declare module 'autocannon' {
  interface Result { requests: { total: number }; duration: number; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }
  function autocannon(options: Record<string, unknown>, done: (error: Error | null, result: Result) => void): { stop(): void };
  export default autocannon;
}
