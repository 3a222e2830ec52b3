// Shared by the console's browser tests: Debian's Chromium driven by
// playwright-core, one context per officer, script errors and CSP violations
// recorded, and screenshots saved under the git-ignored screenshots/ folder.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = 'screenshots';

export interface ConsoleBrowser {
  browser: Browser;
  scriptErrors: string[];
  cspViolations: string[];
  /** A signed-in officer in a fresh context (own sessionStorage), far from Vietnam's time zone. */
  signIn(username: string, options?: { width?: number; height?: number; landing?: string }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchConsoleBrowser(baseUrl: string): Promise<ConsoleBrowser> {
  // CI installs Chromium; a machine without it must fail loudly, not pass by skipping.
  if (!existsSync(CHROMIUM)) throw new Error(`the console test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium"`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const scriptErrors: string[] = [];
  const cspViolations: string[] = [];
  return {
    browser,
    scriptErrors,
    cspViolations,
    async signIn(username, { width = 1280, height = 720, landing = 'Danh sách hồ sơ' } = {}) {
      const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'America/New_York', viewport: { width, height } });
      const page = await context.newPage();
      page.on('pageerror', (error) => scriptErrors.push(`${username}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) cspViolations.push(`${username}: ${message.text()}`);
      });
      await page.goto(baseUrl);
      await page.getByRole('heading', { name: 'Đăng nhập', exact: true }).waitFor();
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill('demo');
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.getByRole('heading', { name: landing, exact: true }).waitFor();
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/** What the officer sees: rendered text (hidden spans excluded), whitespace collapsed. */
export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A tiny but well-formed one-page PDF (header, three objects, a correct xref table, trailer). */
export function tinyPdf(): Buffer {
  const objects = ['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>', '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
