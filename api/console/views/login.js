// Sign in with a username and password; the token goes to sessionStorage.
// The demo accounts are listed because every demo of the system starts here.
import { api } from '../api.js';
import { h } from '../dom.js';
import { field, isEmpty, missingMessage, problemAlert } from '../field.js';
import { roleLabel } from '../glossary.js';
import { bi } from '../i18n.js';
import * as session from '../session.js';

const demoAccounts = [
  ['receiver.hop-thinh', 'receiver', 'Xã Hợp Thịnh', 'Hợp Thịnh commune'],
  ['specialist.hop-thinh', 'specialist', 'Xã Hợp Thịnh', 'Hợp Thịnh commune'],
  ['leader.hop-thinh', 'leader', 'Xã Hợp Thịnh', 'Hợp Thịnh commune'],
  ['supervisor.bac-ninh', 'supervisor', 'Tỉnh Bắc Ninh', 'Bắc Ninh province'],
  ['author.bac-ninh', 'author', 'Tỉnh Bắc Ninh', 'Bắc Ninh province'],
  ['admin', 'admin', 'Tỉnh Bắc Ninh', 'Bắc Ninh province'],
];

export async function render(ctx) {
  ctx.setTitle('Đăng nhập', 'Sign in');
  const username = field({ label: bi('Tên đăng nhập', 'Username'), control: h('input', { type: 'text', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', autofocus: true }), required: true });
  const password = field({ label: bi('Mật khẩu', 'Password'), control: h('input', { type: 'password', name: 'password', autocomplete: 'current-password' }), required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, bi('Đăng nhập', 'Sign in', { compact: true }));
  const alertSlot = h('div', { class: 'alert-slot' });

  const form = h('form', { class: 'login-form', novalidate: true, onsubmit: signIn }, alertSlot, username.row, password.row, submit);

  async function signIn(event) {
    event.preventDefault();
    alertSlot.replaceChildren();
    let first = null;
    for (const f of [username, password]) {
      f.setError(isEmpty(f.control) ? missingMessage() : null);
      if (isEmpty(f.control)) first ??= f.control;
    }
    if (first) return first.focus();
    submit.disabled = true;
    try {
      // Anonymous: a stale token from an earlier session must not be sent along.
      const result = await api('POST', '/v1/auth/login', { body: { username: username.control.value.trim(), password: password.control.value }, anonymous: true });
      session.save(result);
      await ctx.signedIn();
    } catch (error) {
      alertSlot.replaceChildren(problemAlert(error));
      password.control.select();
      password.control.focus();
    } finally {
      submit.disabled = false;
    }
  }

  const demoList = h(
    'ul',
    { class: 'demo-accounts' },
    demoAccounts.map(([name, role, unitVi, unitEn]) =>
      h(
        'li',
        {},
        h('button', { type: 'button', class: 'link-button', onclick: () => useDemo(name) }, h('code', {}, name)),
        ' ',
        h('span', { class: 'muted' }, roleLabel(role, { compact: true }), ' · ', bi(unitVi, unitEn, { compact: true })),
      ),
    ),
  );

  function useDemo(name) {
    username.control.value = name;
    password.control.value = 'demo';
    submit.focus();
  }

  return h(
    'div',
    { class: 'login-page' },
    h(
      'section',
      { class: 'card login-card', 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title', tabindex: '-1' }, bi('Đăng nhập', 'Sign in')),
      h('p', { class: 'muted' }, bi('Dành cho cán bộ Trung tâm Phục vụ hành chính công.', 'For officers of the Public Administrative Service Centers.')),
      form,
    ),
    h(
      'aside',
      { class: 'card demo-card', 'aria-labelledby': 'demo-title' },
      h('h2', { id: 'demo-title' }, bi('Tài khoản dùng thử', 'Demo accounts')),
      h('p', {}, bi(['Mật khẩu của mọi tài khoản là ', h('code', {}, 'demo'), '. Chọn một tài khoản để điền sẵn.'], ['Every demo password is ', h('code', {}, 'demo'), '. Pick an account to fill in the form.'])),
      demoList,
    ),
  );
}
