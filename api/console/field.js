// One labelled form field with its hint and error slot, wired for screen
// readers: the label names the control, the hint and the error describe it.
// Used by the applicant block, the generated data form and the event form.
import { h, uid } from './dom.js';
import { bi, problemMessage } from './i18n.js';

/**
 * field({ label, control, hint, required }) → { row, control, setError(message|null) }
 * `control` is an <input>, <select> or <textarea>; a checkbox gets its label after it.
 */
export function field({ label, control, hint = null, required = false }) {
  control.id ||= uid('field');
  const hintId = hint ? uid('hint') : null;
  const errorId = uid('error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  if (required) control.setAttribute('aria-required', 'true');
  const labelEl = h('label', { for: control.id }, label, required ? requiredMark() : null);
  const isCheckbox = control.type === 'checkbox';
  const row = h(
    'div',
    { class: isCheckbox ? 'field field-checkbox' : 'field' },
    isCheckbox ? [control, labelEl] : [labelEl, control],
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    error,
  );
  return {
    row,
    control,
    setError(message) {
      error.replaceChildren(...(message ? [message] : []));
      error.hidden = !message;
      row.classList.toggle('has-error', Boolean(message));
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}

export function requiredMark() {
  return h('span', { class: 'required-mark' }, h('span', { 'aria-hidden': 'true' }, ' *'), h('span', { class: 'visually-hidden' }, ' (', bi('bắt buộc', 'required', { compact: true }), ')'));
}

/** The message for a required field left empty; the one check the console makes itself. */
export function missingMessage() {
  return bi('Vui lòng nhập thông tin này', 'Please fill in this field');
}

/** Empty after trimming: what "not filled in" means for text, selects and numbers. */
export function isEmpty(control) {
  if (control.type === 'checkbox') return false;
  return control.value.trim() === '';
}

/** A problem+json shown as an alert: its code in plain Vietnamese, its detail verbatim, and any errors the form could not place. */
export function problemAlert(error, extraErrors = []) {
  const problem = error.problem ?? { detail: error.message };
  return h(
    'div',
    { class: 'alert alert-error', role: 'alert' },
    problemMessage(problem.code) ? h('p', { class: 'alert-title', 'data-testid': 'problem-title' }, problemMessage(problem.code)) : problem.title ? h('p', { class: 'alert-title' }, problem.title) : null,
    h('p', { class: 'problem-detail' }, problem.detail ?? error.message),
    extraErrors.length ? h('ul', { class: 'problem-errors' }, extraErrors.map((e) => h('li', {}, h('code', {}, e.path || '/'), ' ', e.message))) : null,
  );
}
