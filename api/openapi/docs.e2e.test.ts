// The API described: /openapi.json is the document, and /docs shows it in a real
// Chromium with Swagger UI served from the package, under a Content Security
// Policy that forbids inline scripts — every operation rendered, no violation.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../engine/service/service-context.ts';
import { createApp } from '../create-app.ts';
import { docsContentSecurityPolicy } from '../routes/openapi-routes.ts';
import { apiOperations } from './api-operations.ts';

const CHROMIUM = '/usr/bin/chromium';
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`the docs test needs Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium"`);
  // The document and the page need no database: no route that touches one is called.
  const app = createApp({} as ServiceContext, { logger: pino({ level: 'silent' }), readiness: { check: async () => ({}) } });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('/openapi.json and /docs', () => {
  it('serves the OpenAPI 3.1 document, with the request schema the route validates with', async () => {
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required: string[] } }> } }>> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0)).toBe(apiOperations.length);
    expect(document.paths['/v1/dossiers']!.post!.requestBody!.content['application/json']!.schema.required).toEqual(['procedureCode', 'applicant', 'data']);
    expect(document.paths['/v1/dossiers/{id}/events']!.post!.requestBody!.content['application/json']!.schema.required).toEqual(['type']);
  });

  it('serves the page with no inline script, under a strict Content Security Policy', async () => {
    const res = await fetch(`${base}/docs/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(docsContentSecurityPolicy);
    const html = await res.text();
    expect([...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => [m[1]!.trim(), m[2]!.trim()])).toEqual([
      ['src="swagger-ui-bundle.js"', ''],
      ['src="docs-init.js"', ''],
    ]);
    for (const file of ['swagger-ui-bundle.js', 'docs-init.js', 'swagger-ui.css']) expect((await fetch(`${base}/docs/${file}`)).status).toBe(200);
  });

  it('renders every operation in Chromium without a script error or a policy violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(`${base}/docs`);
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 60_000 }).toBe(apiOperations.length);
    expect(await page.locator('.opblock-summary-path').filter({ hasText: '/v1/dossiers/{id}/events' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
