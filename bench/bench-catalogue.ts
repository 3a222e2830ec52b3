// Policy staff's tools: validating the whole catalogue, and compiling one
// definition, beside the YAML parse of the same text alone.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkCatalogue } from '../engine/definition/check-catalogue.ts';
import { loadProcedure } from '../engine/definition/load-procedure.ts';
import { calendarNames, readCatalogue } from '../engine/files/read-catalogue.ts';
import { parseProvince } from '../engine/service/parse-province.ts';
import { fmt } from './measure.ts';

export async function benchCatalogue(seconds: number): Promise<string[]> {
  const catalogue = await readCatalogue('procedures');
  const context = { units: new Set(parseProvince(catalogue.province).units.map((u) => u.id)), calendars: calendarNames(catalogue.calendars) };
  const files = catalogue.procedures.map((p) => ({ file: p.file, text: p.text }));
  const time = (body: () => void): number => {
    let runs = 0;
    const end = performance.now() + seconds * 1000;
    const start = performance.now();
    while (performance.now() < end) {
      body();
      runs++;
    }
    return (performance.now() - start) / runs;
  };
  const validateAll = time(() => checkCatalogue(files, context));
  const parseAll = time(() => files.forEach((f) => parse(f.text)));
  const one = readFileSync('procedures/first-land-use-certificate.yaml', 'utf8');
  const compileOne = time(() => loadProcedure(one, 'procedures/first-land-use-certificate.yaml', context));
  const parseOne = time(() => parse(one));
  return [
    `validate the catalogue (${files.length} procedures): ${fmt(validateAll, 1)} ms · YAML parse alone: ${fmt(parseAll, 1)} ms · ratio ${fmt(validateAll / parseAll, 1)}`,
    `compile one definition (first land-use certificate): ${fmt(compileOne, 2)} ms · YAML parse alone: ${fmt(parseOne, 2)} ms · ratio ${fmt(compileOne / parseOne, 1)}`,
  ];
}
