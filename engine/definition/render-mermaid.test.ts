import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledProcedure } from './compiled-procedure.ts';
import { loadProcedure } from './load-procedure.ts';
import { renderMermaid } from './render-mermaid.ts';

function loadFixture(name: string): CompiledProcedure {
  const result = loadProcedure(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'), `fixtures/${name}`);
  if (!result.ok) throw new Error(`fixture ${name} does not load: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.procedure;
}

describe('renderMermaid', () => {
  it('draws nested and parallel states as blocks, and lifts arrows that cross blocks', () => {
    expect(renderMermaid(loadFixture('parallel.yaml')).split('\n')).toEqual([
      '---',
      'title: Procedure with consultations (9.000002 v3)',
      '---',
      'stateDiagram-v2',
      '  direction TB',
      '  state "reception" as reception',
      '  reception : status 1 · receiving desk',
      '  state "review · status 4 · competent unit" as review {',
      '    state "drafting" as drafting',
      '    drafting : status 4 · competent unit · 2 working days',
      '    state "checking" as checking',
      '    checking : status 4 · competent unit · 1 working day',
      '    [*] --> drafting',
      '    checking --> drafting : REDRAFT (system)',
      '  }',
      '  state "consultation · parallel · status 4 · competent unit" as consultation {',
      '    state "fire" as fire {',
      '      state "awaiting-fire" as awaiting_fire',
      '      awaiting_fire : status 4 · so-nong-nghiep-moi-truong · 4 working days',
      '      state "fire-answered" as fire_answered',
      '      fire_answered : final · status 4',
      '      [*] --> awaiting_fire',
      '      awaiting_fire --> fire_answered : ANSWER_FIRE (specialist)',
      '      fire_answered --> [*]',
      '    }',
      '    --',
      '    state "land" as land {',
      '      state "awaiting-land" as awaiting_land',
      '      awaiting_land : status 4 · vpdk-dat-dai · 3 working days',
      '      state "land-answered" as land_answered',
      '      land_answered : final · status 4',
      '      [*] --> awaiting_land',
      '      awaiting_land --> land_answered : ANSWER_LAND (specialist)',
      '      land_answered --> [*]',
      '    }',
      '  }',
      '  state "approved" as approved',
      '  approved : final · approved · status 10',
      '  state "withdrawn" as withdrawn',
      '  withdrawn : final · withdrawn · status 7',
      '  [*] --> reception',
      '  reception --> review : ACCEPT (receiver) · form 01 · clock start',
      '  review --> withdrawn : WITHDRAW (receiver)',
      '  review --> consultation : CONSULT (specialist) (from drafting)',
      '  review --> approved : SIGN (leader) · when !data.urgent (from checking)',
      '  consultation --> review : CONSOLIDATE (specialist) (to checking)',
      '  approved --> [*]',
      '  withdrawn --> [*]',
      '',
    ]);
  });

  it('rewrites characters Mermaid reads as syntax in guards', () => {
    const birth = loadProcedure(readFileSync(new URL('../../procedures/birth-registration.yaml', import.meta.url), 'utf8'), 'birth-registration.yaml');
    if (!birth.ok) throw new Error('birth-registration.yaml must load');
    const lines = renderMermaid(birth.procedure).split('\n');
    expect(lines).toContain("  processing --> signature : Đề xuất phê duyệt — PROPOSE_APPROVAL (specialist) · when data.informant.relationship ≠ 'other' or (has(data.informant.authorization) and data.informant.authorization)");
    const labels = lines.filter((l) => l.includes(' --> ') && l.includes(' : ')).map((l) => l.slice(l.indexOf(' : ') + 3));
    expect(labels.filter((label) => /[;#{}"<>]/.test(label))).toEqual([]);
  });

  it('names a titled state by its Vietnamese title with the id beside it', () => {
    const birth = loadProcedure(readFileSync(new URL('../../procedures/birth-registration.yaml', import.meta.url), 'utf8'), 'birth-registration.yaml');
    if (!birth.ok) throw new Error('birth-registration.yaml must load');
    const lines = renderMermaid(birth.procedure).split('\n');
    expect(lines.filter((l) => l.startsWith('  state "')).slice(0, 3)).toEqual([
      '  state "Tiếp nhận hồ sơ (reception)" as reception',
      '  state "Chờ bổ sung hồ sơ (awaiting-supplement)" as awaiting_supplement',
      '  state "Thẩm định, xử lý (processing)" as processing',
    ]);
    expect(lines).toContain('  reception --> processing : Tiếp nhận — ACCEPT (receiver) · form 01 · clock start');
  });
});
