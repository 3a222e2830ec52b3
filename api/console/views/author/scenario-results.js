// A scenario run (POST /v1/procedures/:code/versions/:v/scenarios) as a table:
// each scenario passed, or where it failed with expected against actual; a
// file that did not load, as its errors by line.
import { h } from '../../dom.js';
import { bi } from '../../i18n.js';
import { diagnosticList } from './editor.js';

export function scenarioResults(report, editor) {
  if (report.diagnostics.length)
    return h('div', { class: 'alert alert-error', role: 'alert' }, h('p', { class: 'alert-title' }, bi('Không chạy được kịch bản:', 'The scenarios could not run:')), diagnosticList(report.diagnostics, editor));
  const failed = report.results.filter((r) => r.failure).length;
  return h(
    'div',
    { class: `alert ${failed ? 'alert-error' : 'alert-success'}`, role: 'status' },
    h('p', { class: 'alert-title', 'data-testid': 'scenario-summary' }, bi(`${report.results.length} kịch bản: ${report.results.length - failed} đạt, ${failed} không đạt`, `${report.results.length} scenarios: ${report.results.length - failed} passed, ${failed} failed`)),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'compact-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Kịch bản', 'Scenario', { compact: true })), h('th', { scope: 'col' }, bi('Dòng', 'Line', { compact: true })), h('th', { scope: 'col' }, bi('Kết quả', 'Result', { compact: true })))),
        h(
          'tbody',
          {},
          report.results.map((r) =>
            h(
              'tr',
              { 'data-testid': 'scenario-row' },
              h('th', { scope: 'row' }, r.name),
              h('td', {}, String(r.failure?.line ?? r.line)),
              h(
                'td',
                {},
                r.failure
                  ? [bi(`✗ Bước ${r.failure.step}: ${r.failure.description}`, `✗ Step ${r.failure.step}: ${r.failure.description}`, { compact: true }), h('ul', {}, r.failure.mismatches.map((m) => h('li', {}, `${m.field}: `, bi('cần ', 'expected ', { compact: true }), m.expected, bi(', thực tế ', ', got ', { compact: true }), m.actual)))]
                  : bi(`✓ Đạt (${r.steps} bước)`, `✓ Passed (${r.steps} steps)`, { compact: true }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
