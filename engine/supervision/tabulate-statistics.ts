// Statistics and watch lists as flat tables (a header in Vietnamese and English,
// one row per group) for CSV and XLSX downloads. Pure.
import type { Figures, Statistics } from './compute-statistics.ts';

export interface Table {
  columns: Array<{ key: string; vi: string; en: string }>;
  rows: Array<Record<string, string | number | null>>;
}

const figureColumns: Array<{ key: string; vi: string; en: string; get: (f: Figures) => string | number | null }> = [
  { key: 'received', vi: 'Tiếp nhận', en: 'Received', get: (f) => f.received.total },
  { key: 'receivedDesk', vi: 'Tiếp nhận trực tiếp', en: 'Received at the desk', get: (f) => f.received.desk },
  { key: 'receivedOnline', vi: 'Tiếp nhận trực tuyến', en: 'Received online', get: (f) => f.received.online },
  { key: 'processed', vi: 'Hồ sơ xử lý trong kỳ', en: 'Processed in the period', get: (f) => f.processed },
  { key: 'early', vi: 'Trước hạn', en: 'Early', get: (f) => f.finished.early },
  { key: 'onTime', vi: 'Đúng hạn', en: 'On time', get: (f) => f.finished.onTime },
  { key: 'late', vi: 'Quá hạn', en: 'Late', get: (f) => f.finished.late },
  { key: 'openWithinTime', vi: 'Đang xử lý trong hạn', en: 'Open within time', get: (f) => f.open.withinTime },
  { key: 'openOverdue', vi: 'Đang xử lý quá hạn', en: 'Open and overdue', get: (f) => f.open.overdue },
  { key: 'onTimeRate', vi: 'Tỷ lệ đúng hạn', en: 'On-time rate', get: (f) => f.onTimeRate },
  { key: 'averageDays', vi: 'Thời gian xử lý trung bình (ngày làm việc)', en: 'Average processing time (working days)', get: (f) => f.processingDays.average },
  { key: 'p90Days', vi: 'Thời gian xử lý P90 (ngày làm việc)', en: 'P90 processing time (working days)', get: (f) => f.processingDays.p90 },
  { key: 'apologies', vi: 'Văn bản xin lỗi (mẫu 04)', en: 'Apology letters (form 04)', get: (f) => f.apologies },
  { key: 'digitizedComponents', vi: 'Tỷ lệ số hóa thành phần hồ sơ', en: 'Digitized components share', get: (f) => f.shares.digitizedComponents },
  { key: 'digitizedResults', vi: 'Tỷ lệ số hóa kết quả', en: 'Digitized results share', get: (f) => f.shares.digitizedResults },
  { key: 'receivedOnlineShare', vi: 'Tỷ lệ tiếp nhận trực tuyến', en: 'Received online share', get: (f) => f.shares.receivedOnline },
  { key: 'paidOnline', vi: 'Tỷ lệ thanh toán trực tuyến', en: 'Paid online share', get: (f) => f.shares.paidOnline },
  { key: 'ratings', vi: 'Lượt đánh giá', en: 'Ratings', get: (f) => f.satisfaction.ratings },
  { key: 'averageScore', vi: 'Điểm hài lòng trung bình', en: 'Average satisfaction score', get: (f) => f.satisfaction.averageScore },
  { key: 'points', vi: 'Điểm Quyết định 766 (các chỉ số tính được)', en: 'Decision 766 points (computable indicators)', get: (f) => Math.round(f.indicators.reduce((a, i) => a + (i.points ?? 0), 0) * 100) / 100 },
];

export function tabulateStatistics(s: Statistics): Table {
  const columns = [
    { key: 'from', vi: 'Từ ngày', en: 'From' },
    { key: 'to', vi: 'Đến ngày (không gồm)', en: 'To (exclusive)' },
    { key: 'group', vi: s.groupBy ? groupTitle[s.groupBy].vi : 'Phạm vi', en: s.groupBy ? groupTitle[s.groupBy].en : 'Scope' },
    ...figureColumns.map(({ key, vi, en }) => ({ key, vi, en })),
  ];
  const row = (group: string, f: Figures) => ({ from: s.from, to: s.to, group, ...Object.fromEntries(figureColumns.map((c) => [c.key, c.get(f)])) });
  return { columns, rows: [...s.groups.map((g) => row(g.key, g.figures)), row('Tổng cộng / Total', s.totals)] };
}

const groupTitle = {
  unit: { vi: 'Đơn vị', en: 'Unit' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  month: { vi: 'Tháng', en: 'Month' },
  state: { vi: 'Bước', en: 'State' },
};

/** RFC 4180 CSV with a header of Vietnamese titles; CRLF line ends; a BOM so spreadsheet programs read UTF-8. */
export function formatCsv(table: Table): string {
  const cell = (v: string | number | null) => {
    const text = v === null ? '' : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [table.columns.map((c) => cell(c.vi)).join(','), ...table.rows.map((r) => table.columns.map((c) => cell(r[c.key] ?? null)).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
