// procedures/province.yaml → units and demo accounts, validated with positions.
import { Ajv } from 'ajv';
import { formatDiagnostic } from '../definition/diagnostic.ts';
import { diagnosticAt, parseYamlSource } from '../definition/yaml-source.ts';
import { MotcuaError } from '../motcua-error.ts';
import type { UnitRecord } from '../store/records.ts';

export interface Province {
  province: string;
  units: UnitRecord[];
  demoUsers: { rolesPerUnit: string[]; unitLevels: string[]; extra: Array<{ username: string; role: string; unit: string }>; password: string } | null;
}

const text = { type: 'object', required: ['vi', 'en'], properties: { vi: { type: 'string' }, en: { type: 'string' } } };
const validate = new Ajv({ allErrors: true }).compile({
  type: 'object',
  required: ['province', 'units'],
  properties: {
    province: { type: 'string' },
    units: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['id', 'code', 'level', 'name'],
        properties: { id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' }, code: { type: 'string' }, level: { enum: ['province', 'department', 'commune'] }, parent: { type: 'string' }, name: text },
      },
    },
    demoUsers: { type: 'object' },
  },
});

export function parseProvince(source: { file: string; text: string }): Province {
  const { source: yaml, diagnostics } = parseYamlSource(source.text, source.file);
  if (!yaml) throw invalid(diagnostics.map(formatDiagnostic));
  if (!validate(yaml.value)) {
    throw invalid((validate.errors ?? []).map((e) => formatDiagnostic(diagnosticAt(yaml, e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s)), `${e.instancePath || 'the file'} ${e.message}`))));
  }
  const value = yaml.value as { province: string; units: Array<{ id: string; code: string; level: UnitRecord['level']; parent?: string; name: { vi: string; en: string } }>; demoUsers?: Province['demoUsers'] };
  const ids = new Set(value.units.map((u) => u.id));
  const broken = value.units.filter((u) => u.parent && !ids.has(u.parent)).map((u) => `${source.file}: unit '${u.id}' names parent '${u.parent}', which is not in the file`);
  if (broken.length) throw invalid(broken);
  return {
    province: value.province,
    units: value.units.map((u) => ({ id: u.id, code: u.code, level: u.level, parentId: u.parent ?? null, nameVi: u.name.vi, nameEn: u.name.en })),
    demoUsers: value.demoUsers ?? null,
  };
}

function invalid(lines: string[]): MotcuaError {
  return new MotcuaError('definition.invalid', lines.join('\n'), { lines });
}
