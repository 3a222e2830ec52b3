// What a citizen sees of their dossier: the status in the procedure's citizen
// words, the public steps it went through, the appointment date. Nothing
// personal — no name, no identity number, no phone, no form data, no officer,
// no comment: anyone holding the receipt slip (form 01) may read this.
import type { LocalizedText } from '../../definition/procedure-definition.ts';
import { listEvents } from '../../store/event-store.ts';
import { findRating } from '../../store/rating-store.ts';
import type { CompiledProcedure } from '../../definition/compiled-procedure.ts';
import type { ServiceContext } from '../service-context.ts';
import { findTrackedDossier, type TrackingKey } from './find-tracked-dossier.ts';

export interface TrackingView {
  receiptCode: string;
  procedure: { code: string; name: LocalizedText };
  statusCode: number;
  status: LocalizedText;
  receivedAt: string;
  /** The date the result is promised for (after a form 04, the new date); null before acceptance or while waiting for the applicant. */
  appointmentAt: string | null;
  closedAt: string | null;
  /** Every change of the public status, oldest first. */
  timeline: Array<{ at: string; statusCode: number; status: LocalizedText }>;
  /** Ratable once the result is returned (status 10) and not yet rated. */
  rating: { canRate: boolean; score: number | null };
}

/**
 * The National Public Service Portal's names of the ten dossier statuses
 * (procedures/README.md, "National portal status codes"), for states without a citizen text.
 */
export const nationalStatusNames: Record<number, LocalizedText> = {
  1: { vi: 'Mới đăng ký', en: 'Submitted' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'In progress' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Documents to supplement' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Fees to pay' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn at your request' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processed' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export async function trackDossier(ctx: ServiceContext, key: TrackingKey): Promise<TrackingView> {
  const dossier = await findTrackedDossier(ctx, key);
  const procedure = await ctx.procedures.get(dossier.procedureCode, dossier.procedureVersion);
  const events = await listEvents(ctx.db, dossier.id);
  const timeline: TrackingView['timeline'] = [];
  for (const e of events) {
    if (timeline.length > 0 && timeline[timeline.length - 1]!.statusCode === e.statusCode) continue;
    timeline.push({ at: e.at.toISOString(), statusCode: e.statusCode, status: citizenStatus(procedure, e.toState, e.statusCode) });
  }
  const rating = await findRating(ctx.db, dossier.id);
  return {
    receiptCode: dossier.receiptCode,
    procedure: { code: dossier.procedureCode, name: procedure.source.name },
    statusCode: dossier.statusCode,
    status: citizenStatus(procedure, dossier.state, dossier.statusCode),
    receivedAt: dossier.receivedAt.toISOString(),
    appointmentAt: dossier.closedAt || dossier.pausedAt ? null : (dossier.dueAt?.toISOString() ?? null),
    closedAt: dossier.closedAt?.toISOString() ?? null,
    timeline,
    rating: { canRate: dossier.statusCode === 10 && rating === null, score: rating?.score ?? null },
  };
}

/** The state's citizen text (the first region's, for parallel states), else the national name of the status. */
function citizenStatus(procedure: CompiledProcedure, state: string, statusCode: number): LocalizedText {
  return procedure.states.get(state.split(',')[0]!)?.citizenText ?? nationalStatusNames[statusCode] ?? { vi: `Trạng thái ${statusCode}`, en: `Status ${statusCode}` };
}
