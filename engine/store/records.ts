// The records the store hands out: camelCase, typed, Date for timestamps.
// Everything above engine/store sees these, never rows.

export interface UnitRecord {
  id: string;
  code: string;
  level: 'province' | 'department' | 'commune';
  parentId: string | null;
  nameVi: string;
  nameEn: string;
}

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  unitId: string;
  displayName: string;
  active: boolean;
}

export interface ProcedureVersionRecord {
  code: string;
  version: number;
  status: 'draft' | 'published';
  sourceFile: string;
  sourceYaml: string;
  checksum: string;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface DossierRecord {
  id: string;
  receiptCode: string;
  procedureCode: string;
  procedureVersion: number;
  state: string;
  statusCode: number;
  snapshot: { value: unknown; status: string } & Record<string, unknown>;
  applicant: Record<string, unknown>;
  data: Record<string, unknown>;
  receivingUnit: string;
  competentUnit: string;
  currentUnit: string;
  returnUnit: string | null;
  outcome: string | null;
  receivedAt: Date;
  dueAt: Date | null;
  stepDueAt: Date | null;
  pausedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  version: number;
  /** When the statutory due date `dueAt` had passed and that was recorded (an OVERDUE event). */
  overdueRecordedFor: Date | null;
  /** When the apology and new date (form 04) was issued; it may be issued once. */
  extendedAt: Date | null;
  /** Sequence number and hash of the dossier's last event. */
  eventSeq: number;
  eventHash: string | null;
}

export interface OpenStep {
  id: number;
  state: string;
  dueAt: Date | null;
}

export interface DossierEventRecord {
  id: number;
  dossierId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorRole: string;
  unitId: string | null;
  at: Date;
  fromState: string | null;
  toState: string;
  statusCode: number;
  comment: string | null;
  payload: Record<string, unknown>;
  payloadHash: string;
  prevHash: string | null;
  hash: string;
}

export interface OutboxRecord {
  id: number;
  dossierId: string | null;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}
