// Dates and times as Vietnamese forms print them, on the calendar's wall clock:
// dd/mm/yyyy, "09 giờ 40 phút, ngày 02/03/2026", "ngày 02 tháng 03 năm 2026".
// Pure: the offset from UTC is an argument.

function wallClock(at: Date, offsetMs: number): { day: string; month: string; year: string; hour: string; minute: string } {
  const iso = new Date(at.getTime() + offsetMs).toISOString();
  return { year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10), hour: iso.slice(11, 13), minute: iso.slice(14, 16) };
}

export function formatDate(at: Date, offsetMs: number): string {
  const t = wallClock(at, offsetMs);
  return `${t.day}/${t.month}/${t.year}`;
}

export function formatDateTime(at: Date, offsetMs: number): string {
  const t = wallClock(at, offsetMs);
  return `${t.hour} giờ ${t.minute} phút, ngày ${t.day}/${t.month}/${t.year}`;
}

export function formatPlaceAndDate(place: string, at: Date, offsetMs: number): string {
  const t = wallClock(at, offsetMs);
  return `${place}, ngày ${t.day} tháng ${t.month} năm ${t.year}`;
}
