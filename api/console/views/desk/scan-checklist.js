// The procedure's documents as a checklist that ticks itself as scans are
// attached: each row takes files by drag and drop or by a labelled file picker.
// Used at reception (files wait until the dossier is filed) and on the dossier
// page (files go up at once). Only what the attachments API accepts is offered.
import { getBlob } from '../../api.js';
import { h, uid } from '../../dom.js';
import { problemAlert } from '../../field.js';
import { applyLang, bi, biText, tx } from '../../i18n.js';

export const scanTypes = 'application/pdf,image/jpeg,image/png';

/**
 * scanChecklist(documents, { files: Map<documentId, Array<{fileName, size, href?}>>, onFiles(documentId, File[]), canAttach })
 * → <ul class="documents">. A document with at least one file is ticked.
 */
export function scanChecklist(documents, { files, onFiles, canAttach = true }) {
  if (!documents.length) return h('p', { class: 'muted' }, bi('Thủ tục không yêu cầu giấy tờ.', 'The procedure asks for no documents.'));
  return h(
    'ul',
    { class: 'documents scan-checklist' },
    documents.map((doc) => {
      const attached = files.get(doc.id) ?? [];
      const present = attached.length > 0;
      const inputId = uid('scan');
      // The row's document goes into the control's name, so a screen reader hears which scan it takes.
      const docName = typeof doc.name === 'string' ? { vi: doc.name, en: doc.name } : doc.name;
      const input = h('input', { type: 'file', id: inputId, accept: scanTypes, multiple: true, class: 'visually-hidden', 'data-document': doc.id, 'aria-label': tx(`Đính kèm bản quét: ${docName.vi}`, `Attach a scan: ${docName.en}`), onchange: (e) => e.target.files.length && onFiles(doc.id, [...e.target.files]) });
      const row = h(
        'li',
        { class: `scan-row${present ? ' is-present' : ''}`, 'data-document': doc.id, 'data-testid': 'scan-row' },
        h('span', { class: 'scan-tick', 'aria-hidden': 'true' }, present ? '✓' : ''),
        h(
          'div',
          { class: 'scan-main' },
          h('span', { class: 'visually-hidden' }, present ? bi('Đã có bản quét: ', 'Scanned: ', { compact: true }) : bi('Chưa có bản quét: ', 'Not scanned: ', { compact: true })),
          h('span', { class: 'doc-name' }, biText(doc.name)),
          h(
            'span',
            { class: 'doc-tags' },
            doc.required !== false ? h('span', { class: 'tag tag-required' }, bi('Bắt buộc', 'Required', { compact: true })) : h('span', { class: 'tag' }, bi('Nếu có', 'If applicable', { compact: true })),
            doc.original ? h('span', { class: 'tag' }, bi('Bản chính', 'Original', { compact: true })) : null,
          ),
          attached.length ? h('ul', { class: 'scan-files' }, attached.map((f) => h('li', { 'data-testid': 'scan-file' }, fileLine(f)))) : null,
        ),
        canAttach && doc.digitizable !== false
          ? h('div', { class: 'scan-add' }, input, h('label', { for: inputId, class: 'btn btn-small btn-secondary' }, bi('Đính kèm bản quét', 'Attach a scan', { compact: true })), h('span', { class: 'muted small drop-hint' }, bi('hoặc kéo thả tệp vào đây', 'or drop files here', { compact: true })))
          : null,
      );
      if (canAttach && doc.digitizable !== false) {
        row.addEventListener('dragover', (e) => {
          e.preventDefault();
          row.classList.add('is-dragover');
        });
        row.addEventListener('dragleave', () => row.classList.remove('is-dragover'));
        row.addEventListener('drop', (e) => {
          e.preventDefault();
          row.classList.remove('is-dragover');
          const dropped = [...(e.dataTransfer?.files ?? [])];
          if (dropped.length) onFiles(doc.id, dropped);
        });
      }
      return row;
    }),
  );
}

function fileLine(f) {
  const size = f.size >= 1024 * 1024 ? `${(f.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(f.size / 1024))} KB`;
  const slot = h('span', { class: 'alert-slot' });
  return [
    h('span', { class: 'file-name' }, f.fileName),
    h('span', { class: 'muted small' }, ` · ${size}`),
    f.href ? [' ', h('button', { type: 'button', class: 'link-button', 'aria-label': tx(`Xem ${f.fileName}`, `View ${f.fileName}`), onclick: () => void openFile(f.href, slot) }, bi('Xem', 'View', { compact: true }))] : h('span', { class: 'muted small' }, ' · ', bi('sẽ tải lên khi tiếp nhận', 'uploaded on filing', { compact: true })),
    slot,
  ];
}

/**
 * Opens a stored file (a scan, a printable form) in a new tab. Links cannot
 * carry the officer's token, so the bytes are fetched and shown from a blob: URL.
 */
export async function openFile(href, slot) {
  // Opened before the fetch: a tab opened after an await is taken for a pop-up and blocked.
  const tab = window.open('', '_blank');
  try {
    const blob = await getBlob(href);
    const url = URL.createObjectURL(blob);
    if (tab) tab.location.href = url;
    else location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    slot.replaceChildren(problemAlert(error));
    applyLang(slot);
  }
}
