/**
 * Outgoing email. Every message is written to the `ls_outbox` table first; with an SMTP
 * URL configured it is then sent through nodemailer and marked sent (or its error kept).
 * Without SMTP the outbox is the record, and the message is logged for development.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { nowIso } from '../clock';
import type { Tables } from '../db/tables';
import type { Logger } from '../log';

export interface OutgoingMail {
  to: string;
  subject: string;
  body: string;
  /** Why it is sent, e.g. `reset_password`; kept in the outbox for tracing. */
  purpose: string;
}

export class Outbox {
  private readonly transport;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly log: Logger,
    private readonly from: string,
    smtpUrl?: string,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  }

  /** Records `mail` and sends it when SMTP is configured. Never throws for a delivery failure. */
  async send(mail: OutgoingMail): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('ls_outbox')
      .values({
        id,
        recipient: mail.to,
        subject: mail.subject,
        body: mail.body,
        purpose: mail.purpose,
        created_at: nowIso(),
        sent_at: null,
        error: null,
      })
      .execute();
    if (!this.transport) {
      this.log.info(
        { outbox: id, to: mail.to, subject: mail.subject, body: mail.body },
        'email kept in the outbox (no SMTP configured)',
      );
      return id;
    }
    await this.deliver(id, mail);
    return id;
  }

  /** The newest messages to `recipient`, newest first (development and tests read links here). */
  recent(recipient: string, limit = 10) {
    return this.db
      .selectFrom('ls_outbox')
      .selectAll()
      .where('recipient', '=', recipient)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  private async deliver(id: string, mail: OutgoingMail): Promise<void> {
    try {
      await this.transport!.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.body });
      await this.db.updateTable('ls_outbox').set({ sent_at: nowIso() }).where('id', '=', id).execute();
    } catch (error) {
      this.log.warn({ outbox: id, err: error }, 'email delivery failed');
      await this.db
        .updateTable('ls_outbox')
        .set({ error: String(error) })
        .where('id', '=', id)
        .execute();
    }
  }
}
