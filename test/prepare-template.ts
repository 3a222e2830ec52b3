// The template every integration test database is cloned from: migrated, with
// the demo province, demo accounts and the whole catalogue published.
import pg from 'pg';
import { calendarNames, readCatalogue } from '../engine/files/read-catalogue.ts';
import { parseProvince } from '../engine/service/parse-province.ts';
import { seedCatalogue } from '../engine/service/seed-catalogue.ts';
import { createDatabase } from '../engine/store/create-database.ts';
import { migrateDatabase } from '../engine/store/migrate-database.ts';
import { databaseUrl } from './database-url.ts';

export async function prepareTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(adminUrl, name);
  const db = createDatabase(url, { poolMax: 2 });
  try {
    await migrateDatabase(db, url);
    const catalogue = await readCatalogue('procedures');
    await seedCatalogue(db, { province: parseProvince(catalogue.province), procedures: catalogue.procedures, calendars: calendarNames(catalogue.calendars), seedDemoUsers: true, now: new Date('2026-01-01T00:00:00Z') });
  } finally {
    // A template may have no open connections while it is cloned.
    await db.destroy();
  }
}
