// A valid birth registration request, as a receiver at a commune desk files it.
export function birthRegistration(overrides: { informant?: Record<string, unknown> } = {}) {
  return {
    procedureCode: '1.001193',
    applicant: { fullName: 'Nguyễn Văn An', idNumber: '027090001234', phone: '0912345678' },
    data: {
      child: { fullName: 'Nguyễn Minh Khôi', sex: 'male', birthDate: '2026-02-20', birthPlace: 'Bệnh viện Sản Nhi Bắc Ninh' },
      father: { fullName: 'Nguyễn Văn An', idNumber: '027090001234' },
      informant: overrides.informant ?? { relationship: 'father' },
    },
  };
}
