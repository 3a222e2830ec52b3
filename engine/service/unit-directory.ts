// The organisation, cached per process: units change only when an administrator
// reseeds, and every request needs them.
import { MotcuaError } from '../motcua-error.ts';
import type { Database } from '../store/create-database.ts';
import type { UnitRecord } from '../store/records.ts';
import { listUnits } from '../store/unit-store.ts';

export class UnitDirectory {
  // A promise, so concurrent first callers share one query.
  private units: Promise<Map<string, UnitRecord>> | null = null;

  constructor(private readonly db: Database) {}

  all(): Promise<Map<string, UnitRecord>> {
    this.units ??= listUnits(this.db).then((list) => new Map(list.map((u) => [u.id, u])));
    this.units.catch(() => (this.units = null));
    return this.units;
  }

  async get(id: string): Promise<UnitRecord> {
    const unit = (await this.all()).get(id);
    if (!unit) throw new MotcuaError('unit.not-found', `unit '${id}' does not exist; see GET /v1/units for the list`, { unit: id });
    return unit;
  }

  invalidate(): void {
    this.units = null;
  }
}
