// A clock the test moves by hand: the engine reads `now` from it, so deadline
// tests jump over days instead of sleeping.
export class TestClock {
  private current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  now = (): Date => new Date(this.current);

  set(to: string | Date): void {
    this.current = new Date(to);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
