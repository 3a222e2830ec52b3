// The console shell: hash routes (#/login, #/worklist, #/new, #/dossiers/:id,
// and the author's #/procedures, #/procedures/:code, #/author/draft),
// so the server needs to serve nothing but these static files; the header;
// the sign-in gate; and focus handling so each new screen is announced.
import { ApiError, getMe, UNAUTHENTICATED } from './api.js';
import { h } from './dom.js';
import { problemAlert } from './field.js';
import { roleLabel } from './glossary.js';
import { applyLang, bi, biText, currentLang, setLang, tx } from './i18n.js';
import * as session from './session.js';
import * as catalogueView from './views/author/catalogue.js';
import * as editorView from './views/author/editor.js';
import * as procedureView from './views/author/procedure.js';
import * as detailView from './views/dossier-detail.js';
import * as loginView from './views/login.js';
import * as newDossierView from './views/new-dossier.js';
import * as worklistView from './views/desk/worklist.js';
import * as boardView from './views/board/board.js';

const routes = [
  { pattern: /^\/login$/, view: loginView, public: true },
  { pattern: /^\/worklist$/, view: worklistView },
  { pattern: /^\/board$/, view: boardView },
  { pattern: /^\/new$/, view: newDossierView },
  { pattern: /^\/dossiers\/([^/]+)$/, view: detailView, param: 'id' },
  { pattern: /^\/procedures$/, view: catalogueView },
  { pattern: /^\/procedures\/([^/]+)$/, view: procedureView, param: 'code' },
  { pattern: /^\/author\/draft$/, view: editorView },
];

const main = document.getElementById('main');
const header = document.getElementById('app-header');
let title = ['Một cửa', 'One-stop shop'];
let pendingFlash = null;
let returnTo = null;
// Each navigation gets a number; a slow screen that finishes after the officer
// has moved on is dropped instead of replacing the newer one.
let renderSeq = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/worklist';
  const [path, search = ''] = raw.split('?');
  return { path, query: new URLSearchParams(search) };
}

function navigate(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

const ctx = {
  navigate,
  /** A message shown at the top of the next screen (e.g. "dossier filed"). */
  flash(node) {
    pendingFlash = node;
  },
  setTitle(vi, en) {
    title = [vi, en];
    document.title = `${tx(vi, en)} — Một cửa`;
  },
  async signedIn() {
    session.setCurrentUser(await getMe());
    const target = returnTo && returnTo !== '#/login' ? returnTo : homeOf(session.currentUser());
    returnTo = null;
    navigate(target);
  },
  signOut() {
    session.clear();
    navigate('#/login');
  },
};

/**
 * Where a user lands after signing in: supervisors and administrators on the
 * board, policy authors on the catalogue (they read no dossiers), officers on
 * their worklist.
 */
function homeOf(user) {
  if (!user) return '#/worklist';
  if (user.role === 'supervisor' || user.role === 'admin') return '#/board';
  return user.role === 'author' ? '#/procedures' : '#/worklist';
}

async function route() {
  const seq = ++renderSeq;
  const { path, query } = parseHash();
  const match = routes.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  if (!match) return navigate(homeOf(session.currentUser()));
  const { r, m } = match;

  if (!r.public && !session.token()) {
    returnTo = location.hash;
    return navigate('#/login');
  }
  let content;
  try {
    if (session.token() && !session.currentUser()) session.setCurrentUser(await getMe());
    if (seq !== renderSeq) return;
    // An author's worklist is always empty: their desk is the catalogue.
    if (path === '/worklist' && homeOf(session.currentUser()) !== '#/worklist') return navigate(homeOf(session.currentUser()));
    renderHeader();
    content = await r.view.render({ ...ctx, params: r.param ? { [r.param]: decodeURIComponent(m[1]) } : {}, query, user: session.currentUser() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !r.public) return; // the sign-in handler takes over
    content = h('section', {}, h('h1', { tabindex: '-1' }, bi('Không mở được trang này', 'This page could not be opened')), problemAlert(error), h('p', {}, h('a', { href: '#/worklist' }, bi('Về danh sách hồ sơ', 'Back to the worklist'))));
  }
  if (seq !== renderSeq) return;
  const flash = pendingFlash;
  pendingFlash = null;
  // The flash goes inside the screen, so the screen's own redraws clear it.
  if (flash) content.prepend(flash);
  main.replaceChildren(content);
  applyLang(main);
  const target = main.querySelector('[autofocus]') ?? main.querySelector('h1');
  target?.focus();
}

function renderHeader() {
  const user = session.currentUser();
  const lang = currentLang();
  const langButton = (code, label) =>
    h('button', { type: 'button', class: 'lang-button', lang: code, 'aria-pressed': String(lang === code), onclick: () => switchLang(code) }, label);
  header.replaceChildren(
    h(
      'div',
      { class: 'header-inner' },
      h('a', { class: 'brand', href: user ? homeOf(user) : '#/login' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'M'), h('span', { class: 'brand-text' }, h('strong', {}, 'Một cửa'), bi('Giải quyết thủ tục hành chính', 'Administrative procedures', { compact: true }))),
      user
        ? h(
            'nav',
            { class: 'main-nav', 'aria-label': tx('Điều hướng chính', 'Main navigation') },
            ['author', 'admin'].includes(user.role) ? null : h('a', { href: '#/worklist' }, bi('Danh sách hồ sơ', 'Worklist', { compact: true })),
            h('a', { href: '#/procedures' }, bi('Thủ tục', 'Procedures', { compact: true })),
            ['author', 'admin'].includes(user.role) ? h('a', { href: '#/author/draft' }, bi('Soạn quy trình', 'Draft editor', { compact: true })) : null,
            user.role === 'receiver' ? h('a', { href: '#/new' }, bi('Tiếp nhận hồ sơ mới', 'New dossier', { compact: true })) : null,
            user.role === 'supervisor' || user.role === 'admin' ? h('a', { href: '#/board' }, bi('Bảng giám sát', 'Supervision board', { compact: true })) : null,
          )
        : null,
      h(
        'div',
        { class: 'header-tools' },
        user
          ? h(
              'div',
              { class: 'who', 'data-testid': 'signed-in-user' },
              h('span', { class: 'who-name' }, user.username),
              h('span', { class: 'who-role' }, roleLabel(user.role, { compact: true }), ' · ', biText(user.unit.name, { compact: true })),
            )
          : null,
        h('div', { class: 'lang-switch', role: 'group', 'aria-label': 'Ngôn ngữ / Language' }, langButton('vi', 'VI'), langButton('en', 'EN')),
        user ? h('button', { type: 'button', class: 'btn btn-quiet', onclick: () => ctx.signOut() }, bi('Đăng xuất', 'Sign out', { compact: true })) : null,
      ),
    ),
  );
  applyLang(header);
  markCurrentNav();
}

function markCurrentNav() {
  const here = location.hash.split('?')[0] || '#/worklist';
  for (const a of header.querySelectorAll('.main-nav a')) {
    if (a.getAttribute('href') === here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function switchLang(code) {
  setLang(code);
  for (const b of header.querySelectorAll('.lang-button')) b.setAttribute('aria-pressed', String(b.lang === code));
  ctx.setTitle(...title);
}

window.addEventListener('hashchange', () => void route());
window.addEventListener(UNAUTHENTICATED, () => {
  if (!location.hash.startsWith('#/login')) returnTo = location.hash;
  pendingFlash = h('div', { class: 'alert alert-warning', role: 'alert' }, bi('Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.', 'Your session has ended. Please sign in again.'));
  navigate('#/login');
});
// The skip link must not touch the hash: the hash is the route.
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

applyLang(document);
void route();
