// The facts of a birth registration's forms, as the service gathers them, for
// tests of the form models and their renderers.
import type { FormFacts } from '../engine/forms/form-model.ts';

const hopThinh = { name: 'Xã Hợp Thịnh', parentName: 'Ủy ban nhân dân tỉnh Bắc Ninh' };

export function birthRegistrationFormFacts(overrides: Partial<FormFacts> = {}): FormFacts {
  return {
    form: '01',
    event: { seq: 2, type: 'ACCEPT', at: new Date('2026-03-02T02:40:00Z'), actorRole: 'receiver', unitId: 'hop-thinh', comment: null, payload: { input: {}, form: '01' } },
    officerName: 'Lê Thị Hoa',
    dueAt: new Date('2026-03-02T10:00:00Z'),
    dossier: { receiptCode: 'H04.101-260302-0001', receivedAt: new Date('2026-03-02T02:30:00Z'), applicant: { fullName: 'Nguyễn Văn An', idNumber: '027090001234' } },
    procedure: {
      code: '1.001193',
      name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
      documents: [
        { id: 'declaration', name: { vi: 'Tờ khai đăng ký khai sinh', en: 'Declaration' }, required: true },
        { id: 'birth-certificate', name: { vi: 'Giấy chứng sinh', en: 'Birth certificate' }, required: true, original: false, copies: 2 },
        { id: 'authorization', name: { vi: 'Văn bản ủy quyền', en: 'Authorization' }, required: false },
      ],
      processingTime: { sameDay: true, cutoff: '15:00' },
    },
    units: { issuing: hopThinh, receiving: hopThinh, returning: { name: 'Phường Kinh Bắc', parentName: 'Ủy ban nhân dân tỉnh Bắc Ninh' } },
    offsetMs: 7 * 3_600_000,
    ...overrides,
  };
}
