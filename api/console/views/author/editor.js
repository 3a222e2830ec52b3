// The policy author's draft editor (#/author/draft, or ?code=&version= to open a
// stored version): paste or upload a procedure's YAML, store it as a draft and
// see every validation error at its line — listed, marked in the line-number
// gutter, one click away in the text — then run its scenarios and publish it.
import { api, postYaml } from '../../api.js';
import { h } from '../../dom.js';
import { problemAlert } from '../../field.js';
import { applyLang, bi } from '../../i18n.js';
import { scenarioResults } from './scenario-results.js';

export async function render(ctx) {
  ctx.setTitle('Soạn thảo quy trình', 'Procedure draft editor');
  const heading = h('h1', { tabindex: '-1' }, bi('Soạn thảo quy trình', 'Procedure draft editor'));
  if (!['author', 'admin'].includes(ctx.user.role)) return h('section', {}, heading, h('p', { class: 'alert alert-warning' }, bi('Chỉ cán bộ xây dựng quy trình mới soạn được quy trình.', 'Only procedure authors edit procedures.')));

  const code = ctx.query.get('code');
  const version = ctx.query.get('version');
  const opened = code && version ? await api('GET', `/v1/procedures/${encodeURIComponent(code)}/versions/${encodeURIComponent(version)}`) : null;

  const editor = yamlEditor({ id: 'draft-yaml', label: bi('Nội dung quy trình (YAML)', 'Procedure definition (YAML)'), text: opened?.source ?? '' });
  const fileName = h('input', { type: 'text', id: 'draft-file', value: opened?.sourceFile ?? 'procedures/draft.yaml', maxlength: 200, pattern: '[\\w./-]+', spellcheck: 'false' });
  const fileInput = h('input', { type: 'file', id: 'draft-upload', accept: '.yaml,.yml,text/yaml,application/yaml', onchange: (e) => void loadFile(e.target.files[0], editor, fileName) });
  const result = h('div', { class: 'alert-slot', tabindex: '-1', 'data-testid': 'draft-result' });
  const afterSave = h('div', { class: 'after-save' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary' }, bi('Kiểm tra và lưu bản nháp', 'Check and store the draft', { compact: true }));

  async function store(event) {
    event.preventDefault();
    result.replaceChildren();
    afterSave.replaceChildren();
    editor.mark([]);
    save.disabled = true;
    try {
      const draft = await postYaml(`/v1/procedures?${new URLSearchParams({ file: fileName.value.trim() || 'draft.yaml' })}`, editor.textarea.value);
      result.replaceChildren(h('div', { class: 'alert alert-success', role: 'status' }, h('p', {}, bi(`Bản nháp hợp lệ, đã lưu: thủ tục ${draft.code}, phiên bản ${draft.version}.`, `Valid draft stored: procedure ${draft.code}, version ${draft.version}.`))));
      afterSave.replaceChildren(draftActions(ctx, draft));
    } catch (error) {
      const diagnostics = error.problem?.diagnostics ?? [];
      editor.mark(diagnostics);
      const alert = problemAlert(error);
      // The list below says it all, each line a link: the detail's copy of it would only repeat it.
      if (diagnostics.length) alert.querySelector('.problem-detail')?.remove();
      result.replaceChildren(alert, diagnostics.length ? diagnosticList(diagnostics, editor) : null);
    } finally {
      save.disabled = false;
      applyLang(result);
      applyLang(afterSave);
      result.focus();
    }
  }

  return h(
    'section',
    { class: 'author-editor' },
    h('div', { class: 'page-head' }, h('div', {}, h('p', { class: 'breadcrumb' }, h('a', { href: '#/procedures' }, bi('← Danh mục thủ tục', '← Procedure catalogue', { compact: true }))), heading)),
    h(
      'form',
      { class: 'card', novalidate: true, onsubmit: store },
      h(
        'div',
        { class: 'fields editor-tools' },
        h('div', { class: 'field' }, h('label', { for: 'draft-file' }, bi('Tên tệp', 'File name')), fileName),
        h('div', { class: 'field' }, h('label', { for: 'draft-upload' }, bi('Hoặc tải tệp YAML lên', 'Or upload a YAML file')), fileInput),
      ),
      editor.element,
      h('div', { class: 'form-actions' }, save),
    ),
    result,
    afterSave,
  );
}

async function loadFile(file, editor, fileName) {
  if (!file) return;
  editor.setText(await file.text());
  fileName.value = `procedures/${file.name.replace(/[^\w.-]/g, '-')}`;
}

/**
 * A textarea with a line-number gutter. mark(diagnostics) flags the lines that
 * have errors; focusLine(n, col) puts the caret there. Lines never wrap, so the
 * gutter's numbers stay level with the text.
 */
export function yamlEditor({ id, label, text = '', rows = 22 }) {
  const gutter = h('div', { class: 'editor-gutter', 'aria-hidden': 'true' });
  const textarea = h('textarea', { id, rows, wrap: 'off', spellcheck: 'false', autocapitalize: 'none', autocomplete: 'off', class: 'editor-text', value: text });
  let marked = new Map();
  function drawGutter() {
    const count = textarea.value.split('\n').length;
    if (gutter.childElementCount !== count || marked.size) {
      gutter.replaceChildren(...Array.from({ length: count }, (_, i) => h('span', { class: marked.has(i + 1) ? 'line has-error' : 'line', title: marked.get(i + 1) ?? null, 'data-line': i + 1 }, String(i + 1))));
    }
    gutter.scrollTop = textarea.scrollTop;
  }
  textarea.addEventListener('input', drawGutter);
  textarea.addEventListener('scroll', () => (gutter.scrollTop = textarea.scrollTop));
  drawGutter();
  const element = h('div', { class: 'field editor-field' }, h('label', { for: id }, label), h('div', { class: 'editor' }, gutter, textarea));
  return {
    element,
    textarea,
    setText(value) {
      textarea.value = value;
      marked = new Map();
      gutter.replaceChildren();
      drawGutter();
    },
    mark(diagnostics) {
      marked = new Map(diagnostics.map((d) => [d.line, d.message]));
      gutter.replaceChildren();
      drawGutter();
      if (diagnostics.length) textarea.setAttribute('aria-invalid', 'true');
      else textarea.removeAttribute('aria-invalid');
    },
    focusLine(line, col = 1) {
      const lines = textarea.value.split('\n');
      const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, col - 1);
      const end = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) - 1;
      textarea.focus();
      textarea.setSelectionRange(start, Math.max(start, end));
      // Scroll the line into view: lines have a fixed height (styles.css).
      const lineHeight = textarea.scrollHeight / Math.max(1, lines.length);
      textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
    },
  };
}

/** Each diagnostic as "Dòng 12, cột 9: message", a button that selects that line in the editor. */
export function diagnosticList(diagnostics, editor) {
  return h(
    'ol',
    { class: 'diagnostics', 'aria-label': 'Lỗi theo dòng (Errors by line)' },
    diagnostics.map((d) =>
      h(
        'li',
        { 'data-testid': 'diagnostic', 'data-line': d.line },
        h('button', { type: 'button', class: 'link-button', onclick: () => editor.focusLine(d.line, d.col) }, bi(`Dòng ${d.line}, cột ${d.col}`, `Line ${d.line}, column ${d.col}`, { compact: true })),
        ': ',
        h('span', { class: 'diagnostic-message' }, d.message),
      ),
    ),
  );
}

/** After a valid draft is stored: run scenarios against it, publish it. */
function draftActions(ctx, draft) {
  const base = `/v1/procedures/${encodeURIComponent(draft.code)}/versions/${draft.version}`;
  const scenarios = yamlEditor({ id: 'scenarios-yaml', label: bi('Kịch bản kiểm thử (YAML, tùy chọn)', 'Scenario tests (YAML, optional)'), rows: 10 });
  const scenarioUpload = h('input', { type: 'file', id: 'scenarios-upload', accept: '.yaml,.yml,text/yaml,application/yaml', onchange: async (e) => e.target.files[0] && scenarios.setText(await e.target.files[0].text()) });
  const runSlot = h('div', { class: 'alert-slot', tabindex: '-1', 'data-testid': 'scenario-result' });
  const publishSlot = h('div', { class: 'alert-slot', tabindex: '-1' });
  const run = h('button', { type: 'button', class: 'btn btn-secondary', onclick: runScenarios }, bi('Chạy kịch bản', 'Run the scenarios', { compact: true }));
  const publish = h('button', { type: 'button', class: 'btn btn-primary', onclick: publishDraft }, bi(`Ban hành phiên bản ${draft.version}`, `Publish version ${draft.version}`, { compact: true }));

  async function runScenarios() {
    runSlot.replaceChildren();
    scenarios.mark([]);
    run.disabled = true;
    try {
      const report = await postYaml(`${base}/scenarios`, scenarios.textarea.value);
      scenarios.mark([...report.diagnostics.filter((d) => d.file === 'scenarios.yaml'), ...report.results.filter((r) => r.failure).map((r) => ({ line: r.failure.line, message: r.failure.mismatches.map((m) => `${m.field}: ${m.expected} ≠ ${m.actual}`).join('; ') }))]);
      runSlot.replaceChildren(scenarioResults(report, scenarios));
    } catch (error) {
      runSlot.replaceChildren(problemAlert(error));
    } finally {
      run.disabled = false;
      applyLang(runSlot);
      runSlot.focus();
    }
  }

  async function publishDraft() {
    publish.disabled = true;
    publishSlot.replaceChildren();
    try {
      await api('POST', `${base}/publish`);
      ctx.flash(h('div', { class: 'alert alert-success', role: 'status', 'data-testid': 'notice' }, h('p', {}, bi(`Đã ban hành thủ tục ${draft.code} phiên bản ${draft.version}.`, `Procedure ${draft.code} version ${draft.version} published.`))));
      ctx.navigate(`#/procedures/${encodeURIComponent(draft.code)}`);
    } catch (error) {
      publishSlot.replaceChildren(problemAlert(error));
      applyLang(publishSlot);
      publishSlot.focus();
      publish.disabled = false;
    }
  }

  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'draft-next-title' },
    h('h2', { id: 'draft-next-title' }, bi('Kiểm thử và ban hành', 'Test and publish')),
    h('div', { class: 'field' }, h('label', { for: 'scenarios-upload' }, bi('Tải tệp kịch bản lên', 'Upload a scenario file')), scenarioUpload),
    scenarios.element,
    h('div', { class: 'form-actions' }, run),
    runSlot,
    h('p', { class: 'muted' }, bi('Bản đã ban hành không thể sửa; hồ sơ mới sẽ theo phiên bản này, hồ sơ đang xử lý giữ phiên bản cũ cho đến khi được chuyển.', 'A published version never changes; new dossiers follow it, dossiers in flight keep theirs until migrated.')),
    h('div', { class: 'form-actions' }, publish),
    publishSlot,
  );
}
