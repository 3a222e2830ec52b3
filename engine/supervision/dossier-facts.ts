// What the statistics know about one dossier: read by the store, completed by
// the use case with facts of its procedure version (fee, supplement states),
// and handed to the pure figures. Instants are Date, units are unit ids.

export interface VisitFacts {
  state: string;
  unit: string;
  enteredAt: Date;
  leftAt: Date | null;
  /** A visit to a state with national status 5 (supplement requested): the applicant holds the dossier. */
  supplement: boolean;
}

export interface DossierFacts {
  id: string;
  receiptCode: string;
  procedureCode: string;
  /** The dossier's state now (for groupBy=state). */
  state: string;
  receivingUnit: string;
  competentUnit: string;
  currentUnit: string;
  receivedAt: Date;
  /** The due date in force: after every clock start, reset, resume and form 04. Null: never accepted. */
  dueAt: Date | null;
  pausedAt: Date | null;
  /** The finish as the national portal counts it: result ready (9), returned (10), or the dossier's close (refused, stopped, withdrawn). */
  finishedAt: Date | null;
  /** When form 04 (apology and new date) was issued. */
  extendedAt: Date | null;
  channel: 'desk' | 'online' | 'post';
  paidOnline: boolean;
  /** The procedure version charges a fee. */
  hasFee: boolean;
  digitizedComponents: boolean;
  digitizedResult: boolean;
  rating: { score: number; ratedAt: Date } | null;
  visits: VisitFacts[];
}
