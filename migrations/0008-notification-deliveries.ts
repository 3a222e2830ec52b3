// One row per notification and channel: what was sent where, how many attempts
// it took, and the deliveries that gave up (the notification dead-letter list).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notification_deliveries', (t) => {
    t.bigIncrements('id');
    t.bigInteger('notification_id').notNullable().references('notifications.id');
    t.text('channel').notNullable();
    t.text('address').notNullable();
    t.text('subject').notNullable();
    t.text('body').notNullable();
    // pending → sent, or failed once every attempt is spent.
    t.text('status').notNullable().checkIn(['pending', 'sent', 'failed']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.text('provider_message_id');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('failed_at', { useTz: true });
    // A fan-out job run twice plans the same deliveries once.
    t.unique(['notification_id', 'channel']);
    t.index(['status']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notification_deliveries');
}
