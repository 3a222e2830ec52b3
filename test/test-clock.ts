// A clock the test moves by hand: the engine reads `now` from it, so deadline
// tests jump over days instead of sleeping. A running clock also follows real
// time from its start, for tests where BullMQ's real-time delays must line up
// with the engine's notion of now.
export class TestClock {
  private base: number;
  private startedAt: number | null;

  constructor(start: string | Date, options: { running?: boolean } = {}) {
    this.base = new Date(start).getTime();
    this.startedAt = options.running ? Date.now() : null;
  }

  now = (): Date => new Date(this.base + (this.startedAt === null ? 0 : Date.now() - this.startedAt));

  set(to: string | Date): void {
    this.base = new Date(to).getTime();
    if (this.startedAt !== null) this.startedAt = Date.now();
  }

  advance(ms: number): void {
    this.base += ms;
  }
}
