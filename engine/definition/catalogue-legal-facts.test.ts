// Legal facts of the catalogue that no scenario can show (legal bases, fees,
// forms), each asserted against the definition that carries it, with the source
// the definition cites. Timing facts are covered by the scenario files and the
// calendar tests.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProcedure } from './load-procedure.ts';

function load(name: string) {
  const file = `procedures/${name}`;
  const loaded = loadProcedure(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.procedure.source;
}

describe('the catalogue states the law in force', () => {
  it('household business registration rests on Decree 168/2025, not 01/2021', () => {
    const source = load('household-business-registration.yaml');
    expect(source.legalBasis).toEqual(['Nghị định 168/2025/NĐ-CP', 'Nghị định 118/2025/NĐ-CP']);
  });

  it('the permanent residence fee is the central fee of Circular 75/2022/TT-BTC: 20,000 đ, 10,000 đ online', () => {
    const source = load('permanent-residence-registration.yaml');
    expect(source.fees?.map((f) => [f.name.en, f.amountVnd])).toEqual([
      ['Permanent residence registration fee', 20000],
      ['Permanent residence registration fee, filed online', 10000],
    ]);
    expect(source.legalBasis).toContain('Thông tư 75/2022/TT-BTC (lệ phí đăng ký cư trú)');
  });

  it('the first land-use certificate is applied for on form no. 15 of Decree 151/2025 and decided by the commune of the parcel', () => {
    const source = load('first-land-use-certificate.yaml');
    expect(source.documents?.find((d) => d.id === 'application')?.name.vi).toBe('Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 15, Nghị định 151/2025/NĐ-CP)');
    expect(JSON.stringify(source)).not.toContain('04/ĐK');
    expect([source.level, source.competentUnit, source.processingTime]).toEqual(['commune', { communeOf: 'parcel.commune' }, { workingDays: 20 }]);
  });

  it('certified copies cite Decree 23/2015 as amended by Decrees 07/2025 and 280/2025', () => {
    expect(load('certified-copy.yaml').legalBasis).toEqual([
      'Nghị định 23/2015/NĐ-CP, điều 7, 20–21',
      'Nghị định 07/2025/NĐ-CP (sửa đổi Nghị định 23/2015/NĐ-CP)',
      'Nghị định 280/2025/NĐ-CP (sửa đổi Nghị định 23/2015/NĐ-CP)',
      'Thông tư 01/2020/TT-BTP',
    ]);
  });
});
