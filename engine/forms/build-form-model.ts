// The content of each printable form from what the dossier's events recorded:
// a pure function of the facts (docs/forms.md: each form's fields and their
// source in Circular 01/2018/TT-VPCP, Annex, as amended by Circular
// 03/2025/TT-VPCP). Vietnamese, as handed to the applicant.
import type { DocumentRequirement, TimeLimit } from '../definition/procedure-definition.ts';
import type { FormBlock, FormCode, FormFacts, FormModel } from './form-model.ts';
import { formatDate, formatDateTime, formatPlaceAndDate } from './format-vietnamese-time.ts';

const titles: Record<FormCode, string> = {
  '01': 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  '02': 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  '03': 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  '04': 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
  '05': 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
};

/** The form's title as printed, for lists of forms. */
export function titleOfForm(form: FormCode): string {
  return titles[form];
}

export function buildFormModel(facts: FormFacts): FormModel {
  const { form, event, units, offsetMs } = facts;
  // Forms 01–03 come from the one-stop desk; a supplement asked during appraisal comes from the department itself.
  const desk = (form === '01' || form === '02' || form === '03') && event.actorRole === 'receiver';
  const issuer = [units.issuing.parentName, units.issuing.name, desk ? 'Bộ phận Tiếp nhận và Trả kết quả' : null].filter((s): s is string => s !== null).map((s) => s.toUpperCase());
  return {
    form,
    annexLabel: `Mẫu số ${form}`,
    issuer,
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    placeAndDate: formatPlaceAndDate(units.issuing.name, event.at, offsetMs),
    title: titles[form],
    receiptCode: facts.dossier.receiptCode,
    qrCode: form === '01',
    blocks: blocksOf[form](facts),
    signatures: signaturesOf(facts),
    issuedAt: event.at,
  };
}

const blocksOf: Record<FormCode, (f: FormFacts) => FormBlock[]> = {
  '01': (f) => [
    { kind: 'text', text: `${f.units.receiving.name} — Bộ phận Tiếp nhận và Trả kết quả tiếp nhận hồ sơ của:` },
    ...applicantFields(f),
    { kind: 'table', label: '1. Thành phần hồ sơ nộp gồm:', columns: ['TT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'], rows: receivedDocuments(f).map((d, i) => [String(i + 1), d.name.vi, d.original === false ? 'Bản sao' : 'Bản chính', String(d.copies ?? 1)]) },
    { kind: 'field', label: '2. Số lượng hồ sơ', value: '01 bộ' },
    { kind: 'field', label: '3. Thời gian giải quyết hồ sơ theo quy định', value: describeTimeLimitVi(f.procedure.processingTime) },
    { kind: 'field', label: '4. Thời gian nhận hồ sơ', value: formatDateTime(f.event.at, f.offsetMs) },
    { kind: 'field', label: '5. Thời gian trả kết quả giải quyết hồ sơ', value: f.dueAt ? formatDateTime(f.dueAt, f.offsetMs) : 'Trả ngay khi có kết quả' },
    { kind: 'field', label: '6. Nơi trả kết quả', value: `Bộ phận Tiếp nhận và Trả kết quả — ${f.units.returning.name}` },
  ],
  '02': (f) => {
    const missing = documentNames(f, f.event.payload, 'missingDocuments');
    return [
      { kind: 'text', text: `Hồ sơ của:` },
      ...applicantFields(f),
      { kind: 'field', label: 'Ngày tiếp nhận hồ sơ', value: formatDateTime(f.dossier.receivedAt, f.offsetMs) },
      ...(missing.length ? [{ kind: 'list' as const, label: 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau', items: missing }] : []),
      { kind: 'field', label: 'Lý do', value: reasonOf(f) },
      { kind: 'text', text: `Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với ${f.officerName ?? 'cán bộ tiếp nhận'} — ${f.units.issuing.name} để được hướng dẫn.` },
      { kind: 'field', label: 'Ngày yêu cầu', value: formatDateTime(f.event.at, f.offsetMs) },
    ];
  },
  '03': (f) => [
    { kind: 'text', text: `${f.units.issuing.name} — Bộ phận Tiếp nhận và Trả kết quả tiếp nhận hồ sơ của:` },
    ...applicantFields(f),
    { kind: 'text', text: `Qua xem xét, ${f.units.issuing.name} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:` },
    { kind: 'field', label: 'Lý do', value: reasonOf(f) },
    { kind: 'text', text: 'Xin thông báo cho Ông/Bà được biết và thực hiện.' },
  ],
  '04': (f) => [
    { kind: 'text', text: `Ngày ${formatDate(f.dossier.receivedAt, f.offsetMs)}, ${f.units.receiving.name} tiếp nhận, giải quyết hồ sơ đề nghị ${f.procedure.name.vi} của Ông/Bà ${f.dossier.applicant.fullName}.` },
    { kind: 'field', label: 'Mã hồ sơ', value: f.dossier.receiptCode },
    { kind: 'field', label: 'Thời hẹn trả kết quả giải quyết hồ sơ', value: dateOfPayload(f, 'from') },
    { kind: 'text', text: `Tuy nhiên đến nay, ${f.units.issuing.name} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà.` },
    { kind: 'field', label: 'Lý do', value: reasonOf(f) },
    { kind: 'text', text: `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. ${f.units.issuing.name} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào:` },
    { kind: 'field', label: 'Thời hẹn trả kết quả mới', value: dateOfPayload(f, 'to') },
    { kind: 'text', text: 'Kính mong Ông/Bà thông cảm.' },
  ],
  '05': (f) => [
    { kind: 'text', text: `${f.units.issuing.name} thông báo dừng giải quyết hồ sơ của:` },
    ...applicantFields(f),
    { kind: 'field', label: 'Mã hồ sơ', value: f.dossier.receiptCode },
    { kind: 'field', label: 'Ngày tiếp nhận hồ sơ', value: formatDateTime(f.dossier.receivedAt, f.offsetMs) },
    { kind: 'field', label: 'Lý do dừng giải quyết', value: reasonOf(f) },
    { kind: 'text', text: 'Xin thông báo cho Ông/Bà được biết.' },
  ],
};

function applicantFields(f: FormFacts): FormBlock[] {
  const a = f.dossier.applicant;
  return [
    { kind: 'field', label: 'Ông/Bà', value: a.fullName },
    ...(a.idNumber ? [{ kind: 'field' as const, label: 'Số định danh cá nhân', value: a.idNumber }] : []),
    ...(a.phone ? [{ kind: 'field' as const, label: 'Số điện thoại', value: a.phone }] : []),
    ...(a.email ? [{ kind: 'field' as const, label: 'Thư điện tử', value: a.email }] : []),
    { kind: 'field', label: 'Nội dung yêu cầu giải quyết', value: f.procedure.name.vi },
  ];
}

function signaturesOf(f: FormFacts): FormModel['signatures'] {
  const officer = f.officerName ?? '';
  switch (f.form) {
    case '01':
      return [
        { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: f.dossier.applicant.fullName },
        { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: officer },
      ];
    case '02':
      return [{ title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: officer }];
    case '03':
      return [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: officer }];
    case '04':
    case '05':
      // The head of the agency signs; a specialist may prepare it, the leader's name is then written by hand.
      return [{ title: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)', name: f.event.actorRole === 'leader' ? officer : '' }];
  }
}

/** Documents received: the event's `receivedDocuments` when the desk listed them, else every required document (a dossier is accepted only when complete: Decree 61/2018 art. 15). */
function receivedDocuments(f: FormFacts): DocumentRequirement[] {
  const listed = inputOf(f.event.payload).receivedDocuments;
  if (Array.isArray(listed)) return f.procedure.documents.filter((d) => listed.includes(d.id));
  return f.procedure.documents.filter((d) => d.required !== false);
}

function documentNames(f: FormFacts, payload: Record<string, unknown>, field: 'missingDocuments'): string[] {
  const ids = inputOf(payload)[field];
  if (!Array.isArray(ids)) return [];
  return ids.map((id) => f.procedure.documents.find((d) => d.id === id)?.name.vi ?? String(id));
}

function inputOf(payload: Record<string, unknown>): Record<string, unknown> {
  const input = payload.input;
  return input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
}

function reasonOf(f: FormFacts): string {
  const reason = inputOf(f.event.payload).reason ?? f.event.payload.reason ?? f.event.comment;
  return typeof reason === 'string' && reason.trim() ? reason : '—';
}

function dateOfPayload(f: FormFacts, key: 'from' | 'to'): string {
  const value = f.event.payload[key];
  return typeof value === 'string' ? formatDateTime(new Date(value), f.offsetMs) : '—';
}

/** The statutory time limit in the words of a Vietnamese form. */
export function describeTimeLimitVi(limit: TimeLimit): string {
  if ('sameDay' in limit) return limit.cutoff ? `Trong ngày (nhận sau ${limit.cutoff} thì trả trong ngày làm việc tiếp theo)` : 'Trong ngày';
  if ('workingDays' in limit) return `${limit.workingDays} ngày làm việc`;
  return `${limit.workingHours} giờ làm việc`;
}
