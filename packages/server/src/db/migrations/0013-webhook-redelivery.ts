import { type Kysely, sql } from 'kysely';

/**
 * Redelivery: a delivery may send an earlier one's event again (`redelivery_of` names the
 * original). The same event id then appears more than once for a webhook, so the unique
 * index that makes queueing an event idempotent covers first deliveries only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ls_webhook_deliveries').addColumn('redelivery_of', 'text').execute();
  await sql`drop index ls_webhook_deliveries_event`.execute(db);
  await sql`create unique index ls_webhook_deliveries_event on ls_webhook_deliveries (webhook_id, event_id)
    where redelivery_of is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('ls_webhook_deliveries').where('redelivery_of', 'is not', null).execute();
  await sql`drop index ls_webhook_deliveries_event`.execute(db);
  await sql`create unique index ls_webhook_deliveries_event on ls_webhook_deliveries (webhook_id, event_id)`.execute(
    db,
  );
  await db.schema.alterTable('ls_webhook_deliveries').dropColumn('redelivery_of').execute();
}
