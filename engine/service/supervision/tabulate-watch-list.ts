// The overdue and at-risk lists as a flat table for CSV and XLSX downloads.
import type { Table } from '../../supervision/tabulate-statistics.ts';
import type { WatchedDossierView } from './read-watch-list.ts';

export function tabulateWatchList(items: WatchedDossierView[]): Table {
  return {
    columns: [
      { key: 'receiptCode', vi: 'Mã hồ sơ', en: 'Receipt code' },
      { key: 'procedure', vi: 'Thủ tục', en: 'Procedure' },
      { key: 'state', vi: 'Bước', en: 'State' },
      { key: 'unit', vi: 'Đơn vị đang giữ', en: 'Held by' },
      { key: 'since', vi: 'Giữ từ', en: 'Held since' },
      { key: 'dueAt', vi: 'Hạn', en: 'Due' },
      { key: 'hoursLate', vi: 'Số giờ làm việc quá hạn', en: 'Working hours late' },
      { key: 'paused', vi: 'Tạm dừng tính thời gian', en: 'Clock paused' },
      { key: 'apology', vi: 'Đã có văn bản xin lỗi (mẫu 04)', en: 'Apology issued (form 04)' },
    ],
    rows: items.map((i) => ({
      receiptCode: i.receiptCode,
      procedure: `${i.procedureCode} ${i.procedureName.vi}`,
      state: i.stateTitle.vi,
      unit: i.heldBy.name.vi,
      since: i.heldBy.since,
      dueAt: i.watchDueAt,
      hoursLate: i.workingHoursLate,
      paused: i.clockPaused ? 'có' : 'không',
      apology: i.apologyIssued ? 'có' : 'không',
    })),
  };
}
