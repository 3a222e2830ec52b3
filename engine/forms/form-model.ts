// The content of a printable form (Circular 01/2018/TT-VPCP, Annex, as amended
// by Circular 03/2025/TT-VPCP: docs/forms.md lists each form's fields and their
// source), independent of how it is printed: the PDF and the HTML print view
// render the same model, block by block.
import type { DocumentRequirement, LocalizedText, TimeLimit } from '../definition/procedure-definition.ts';

/** Forms motcua prints: 01 receipt, 02 supplement request, 03 refusal, 04 apology and new date, 05 stop notice. */
export const printableForms = ['01', '02', '03', '04', '05'] as const;
export type FormCode = (typeof printableForms)[number];

export type FormBlock =
  | { kind: 'text'; text: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'list'; label: string; items: string[] }
  | { kind: 'table'; label: string; columns: string[]; rows: string[][] };

export interface FormModel {
  form: FormCode;
  /** e.g. "Mẫu số 01". */
  annexLabel: string;
  /** Left header: the parent authority and the issuing unit (upper case, as printed). */
  issuer: string[];
  /** Right header: the national motto, two lines. */
  motto: [string, string];
  /** "Xã Hợp Thịnh, ngày 02 tháng 03 năm 2026". */
  placeAndDate: string;
  title: string;
  receiptCode: string;
  /** Form 01 carries the receipt code as a QR code too (Circular 01/2018 art. 19). */
  qrCode: boolean;
  blocks: FormBlock[];
  signatures: Array<{ title: string; note: string; name: string }>;
  /** When the form was issued (the event's time): also the PDF's creation date, so the file is reproducible. */
  issuedAt: Date;
}

/** The event that issued a form, as the audit trail recorded it. */
export interface FormEvent {
  seq: number;
  type: string;
  at: Date;
  actorRole: string;
  unitId: string | null;
  comment: string | null;
  payload: Record<string, unknown>;
}

/** Everything a form needs, gathered by the caller; names already resolved. */
export interface FormFacts {
  form: FormCode;
  event: FormEvent;
  /** The issuing officer's display name, null for a system event. */
  officerName: string | null;
  /** The statutory due date the issuing event set (form 01), null when it set none. */
  dueAt: Date | null;
  dossier: { receiptCode: string; receivedAt: Date; applicant: { fullName: string; idNumber?: string; phone?: string; email?: string } };
  procedure: { code: string; name: LocalizedText; documents: readonly DocumentRequirement[]; processingTime: TimeLimit };
  /** Names in Vietnamese of the issuing unit and its parent, the receiving desk and the desk that returns the result. */
  units: { issuing: UnitNames; receiving: UnitNames; returning: UnitNames };
  /** The calendar's offset from UTC in milliseconds (Vietnam: +7 h). */
  offsetMs: number;
}

export interface UnitNames {
  name: string;
  parentName: string | null;
}
