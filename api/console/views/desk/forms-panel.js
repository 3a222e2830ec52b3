// The printable forms of a dossier (Circular 01/2018: 01 receipt and
// appointment slip, 02 supplement request, 03 refusal, 04 apology and new date,
// 05 extension of the dossier's status): each as a PDF and as a print view.
// The list comes from GET /v1/dossiers/:id/forms; where that is not available,
// from the forms the history records as issued.
import { h } from '../../dom.js';
import { formatDateTime } from '../../format.js';
import { bi, biText, tx } from '../../i18n.js';
import { openFile } from './scan-checklist.js';

const formNames = {
  '01': ['Giấy tiếp nhận hồ sơ và hẹn trả kết quả', 'Receipt and appointment slip'],
  '02': ['Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', 'Supplement request'],
  '03': ['Phiếu từ chối tiếp nhận giải quyết hồ sơ', 'Refusal notice'],
  '04': ['Phiếu xin lỗi và hẹn lại ngày trả kết quả', 'Apology and new date'],
  '05': ['Phiếu đề nghị phối hợp giải quyết hồ sơ', 'Request for coordination'],
};

/** The forms to list: the API's list when it answered, else one per form code in the history (latest issue). */
export function formsOf(list, history) {
  if (list?.items) return list.items.map((f) => ({ form: String(f.form), title: f.title ?? null, at: f.issuedAt ?? f.at ?? null }));
  const byForm = new Map();
  for (const e of history.events) if (e.payload?.form) byForm.set(String(e.payload.form), { form: String(e.payload.form), title: null, at: e.at });
  return [...byForm.values()].sort((a, b) => a.form.localeCompare(b.form));
}

export function formsPanel(dossierId, forms) {
  const base = `/v1/dossiers/${encodeURIComponent(dossierId)}/forms`;
  return h(
    'section',
    { class: 'card forms', 'aria-labelledby': 'forms-title' },
    h('h2', { id: 'forms-title' }, bi('Biểu mẫu để in', 'Printable forms')),
    forms.length
      ? h(
          'ul',
          { class: 'form-list' },
          forms.map((f) => {
            const slot = h('div', { class: 'alert-slot' });
            const name = f.title ? biText(f.title, { compact: true }) : formNames[f.form] ? bi(...formNames[f.form], { compact: true }) : '';
            const href = `${base}/${encodeURIComponent(f.form)}`;
            return h(
              'li',
              { 'data-testid': 'printable-form', 'data-form': f.form },
              h('div', {}, h('strong', {}, bi(`Mẫu ${f.form}`, `Form ${f.form}`, { compact: true })), ' ', name, f.at ? h('span', { class: 'muted small' }, ` · ${formatDateTime(f.at)}`) : null),
              h(
                'div',
                { class: 'form-links' },
                h('button', { type: 'button', class: 'btn btn-small btn-secondary', 'data-href': href, 'aria-label': tx(`Tải PDF mẫu ${f.form}`, `Form ${f.form} as PDF`), onclick: () => void openFile(href, slot) }, bi('Tải PDF', 'PDF', { compact: true })),
                h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-href': `${href}?format=html`, 'aria-label': tx(`Bản in mẫu ${f.form}`, `Form ${f.form} print view`), onclick: () => void openFile(`${href}?format=html`, slot) }, bi('Bản in', 'Print view', { compact: true })),
              ),
              slot,
            );
          }),
        )
      : h('p', { class: 'muted' }, bi('Chưa có biểu mẫu nào được phát hành.', 'No form issued yet.')),
  );
}
