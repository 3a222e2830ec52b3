import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledProcedure } from './compiled-procedure.ts';
import { loadProcedure } from './load-procedure.ts';
import { explainProcedure } from './explain-procedure.ts';

function loadFixture(name: string): CompiledProcedure {
  const result = loadProcedure(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), `fixtures/${name}`);
  if (!result.ok) throw new Error(`fixture ${name} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.procedure;
}

describe('explainProcedure', () => {
  it('summarizes states, who acts where and the longest path', () => {
    expect(explainProcedure(loadFixture('parallel.yaml')).split('\n')).toEqual([
      'Procedure with consultations — Thủ tục có tham vấn',
      'code 9.000002 · version 3 · level province',
      'statutory time: 10 working days · calendar vn',
      'competent unit: department so-xay-dung · borderless reception: yes',
      '',
      'states:',
      '  reception (initial)  status 1 · receiving desk',
      '  review               status 4 · competent unit',
      '    drafting           status 4 · competent unit · 2 working days',
      '    checking           status 4 · competent unit · 1 working day',
      '  consultation         parallel · status 4 · competent unit',
      '    fire               status 4 · competent unit',
      '      awaiting-fire    status 4 · so-nong-nghiep-moi-truong · 4 working days',
      '      fire-answered    final · status 4',
      '    land               status 4 · competent unit',
      '      awaiting-land    status 4 · vpdk-dat-dai · 3 working days',
      '      land-answered    final · status 4',
      '  approved             final · approved · status 10',
      '  withdrawn            final · withdrawn · status 7',
      '',
      'who acts where:',
      '  receiver',
      '    reception at the receiving desk: ACCEPT',
      '    review at the competent unit: WITHDRAW',
      '  specialist',
      '    drafting at the competent unit: CONSULT',
      '    consultation at the competent unit: CONSOLIDATE',
      '    awaiting-fire at the unit so-nong-nghiep-moi-truong: ANSWER_FIRE',
      '    awaiting-land at the unit vpdk-dat-dai: ANSWER_LAND',
      '  leader',
      '    checking at the competent unit: SIGN',
      '  system (no role may fire these; workers do)',
      '    checking at the competent unit: REDRAFT',
      '',
      'longest path: 7 working days of step budgets on the statutory clock (limit 10 working days): reception → drafting → consultation → checking → approved',
      '',
    ]);
  });

  it('lists legal basis, fees and documents when the definition has them', () => {
    const lines = explainProcedure(loadFixture('valid.yaml')).split('\n');
    expect(lines.slice(0, 4)).toEqual(['Sample procedure — Thủ tục mẫu', 'code 9.000001 · version 1 · level commune', 'statutory time: 3 working days · calendar vn', 'competent unit: the receiving unit · borderless reception: yes']);
    expect(lines.at(-2)).toBe('longest path: 2 working days of step budgets on the statutory clock (limit 3 working days): reception → processing → approved');
  });

  it('shows each titled state and labelled event in Vietnamese beside its id', () => {
    const result = loadProcedure(readFileSync(new URL('../../procedures/birth-registration.yaml', import.meta.url), 'utf8'), 'birth-registration.yaml');
    if (!result.ok) throw new Error('birth-registration.yaml must load');
    const lines = explainProcedure(result.procedure).split('\n');
    expect(lines.slice(9, 12)).toEqual([
      '  reception (initial)     Tiếp nhận hồ sơ · status 1 · receiving desk',
      '  awaiting-supplement     Chờ bổ sung hồ sơ · status 5 · receiving desk · clock paused',
      '  processing              Thẩm định, xử lý · status 4 · competent unit',
    ]);
    expect(lines).toContain('    reception at the receiving desk: ACCEPT (Tiếp nhận), ASK_SUPPLEMENT (Yêu cầu bổ sung), REFUSE (Từ chối tiếp nhận)');
  });
});
