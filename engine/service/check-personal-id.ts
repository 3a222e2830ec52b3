// The shape of a 12-digit personal identification number (số định danh cá
// nhân), the number that links a dossier to the applicant's VNeID account:
//
//   PPP C YY RRRRRR
//   PPP     province code where the birth was registered
//   C       century and sex: 0/1 1900s male/female, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 2300s
//   YY      last two digits of the birth year
//   RRRRRR  random
//
// Only the shape is checked: whether the number belongs to the applicant is for
// VNeID to say. Pure: `now` comes from the caller.

/**
 * Province codes of birth registration, the 63 provinces before the 2025
 * merger. Source: Circular 07/2016/TT-BCA, annex of province codes.
 * UNVERIFIED after the 2025 merger of provinces: numbers already issued keep
 * the code of the old province, but whether new numbers use new codes is not
 * settled here — if they do, add them to this list.
 */
export const provinceCodes: ReadonlyMap<string, string> = new Map([
  ['001', 'Hà Nội'], ['002', 'Hà Giang'], ['004', 'Cao Bằng'], ['006', 'Bắc Kạn'], ['008', 'Tuyên Quang'],
  ['010', 'Lào Cai'], ['011', 'Điện Biên'], ['012', 'Lai Châu'], ['014', 'Sơn La'], ['015', 'Yên Bái'],
  ['017', 'Hòa Bình'], ['019', 'Thái Nguyên'], ['020', 'Lạng Sơn'], ['022', 'Quảng Ninh'], ['024', 'Bắc Giang'],
  ['025', 'Phú Thọ'], ['026', 'Vĩnh Phúc'], ['027', 'Bắc Ninh'], ['030', 'Hải Dương'], ['031', 'Hải Phòng'],
  ['033', 'Hưng Yên'], ['034', 'Thái Bình'], ['035', 'Hà Nam'], ['036', 'Nam Định'], ['037', 'Ninh Bình'],
  ['038', 'Thanh Hóa'], ['040', 'Nghệ An'], ['042', 'Hà Tĩnh'], ['044', 'Quảng Bình'], ['045', 'Quảng Trị'],
  ['046', 'Thừa Thiên Huế'], ['048', 'Đà Nẵng'], ['049', 'Quảng Nam'], ['051', 'Quảng Ngãi'], ['052', 'Bình Định'],
  ['054', 'Phú Yên'], ['056', 'Khánh Hòa'], ['058', 'Ninh Thuận'], ['060', 'Bình Thuận'], ['062', 'Kon Tum'],
  ['064', 'Gia Lai'], ['066', 'Đắk Lắk'], ['067', 'Đắk Nông'], ['068', 'Lâm Đồng'], ['070', 'Bình Phước'],
  ['072', 'Tây Ninh'], ['074', 'Bình Dương'], ['075', 'Đồng Nai'], ['077', 'Bà Rịa - Vũng Tàu'], ['079', 'Thành phố Hồ Chí Minh'],
  ['080', 'Long An'], ['082', 'Tiền Giang'], ['083', 'Bến Tre'], ['084', 'Trà Vinh'], ['086', 'Vĩnh Long'],
  ['087', 'Đồng Tháp'], ['089', 'An Giang'], ['091', 'Kiên Giang'], ['092', 'Cần Thơ'], ['093', 'Hậu Giang'],
  ['094', 'Sóc Trăng'], ['095', 'Bạc Liêu'], ['096', 'Cà Mau'],
]);

export type PersonalIdCheck =
  | { ok: true; province: string; sex: 'male' | 'female'; birthYear: number }
  | { ok: false; problems: string[] };

// Vietnam keeps UTC+7 all year: the year a receiver sees on the wall is the one that counts.
const vietnamOffsetMs = 7 * 3600_000;

export function checkPersonalId(idNumber: string, now: Date): PersonalIdCheck {
  if (!/^[0-9]{12}$/.test(idNumber))
    return { ok: false, problems: [`'${idNumber}' must be exactly 12 digits, the personal identification number on the citizen identity card`] };
  const problems: string[] = [];
  const code = idNumber.slice(0, 3);
  const province = provinceCodes.get(code);
  if (!province)
    problems.push(`starts with ${code}, which is not a province code of birth registration (001–096, Circular 07/2016/TT-BCA); check the first three digits against the citizen identity card`);

  const centuryDigit = Number(idNumber[3]);
  const centuryStart = 1900 + 100 * Math.floor(centuryDigit / 2);
  const birthYear = centuryStart + Number(idNumber.slice(4, 6));
  const currentYear = new Date(now.getTime() + vietnamOffsetMs).getUTCFullYear();
  if (centuryStart > currentYear)
    problems.push(`the 4th digit (century and sex) is ${centuryDigit}, which means born in the ${centuryStart}s, after ${currentYear}; it is 0 or 1 for people born in the 1900s, 2 or 3 in the 2000s`);
  else if (birthYear > currentYear)
    problems.push(`digits 4–6 (${idNumber.slice(3, 6)}) give the birth year ${birthYear}, which is after ${currentYear}; check them against the citizen identity card`);

  if (problems.length || !province) return { ok: false, problems };
  return { ok: true, province, sex: centuryDigit % 2 === 0 ? 'male' : 'female', birthYear };
}
