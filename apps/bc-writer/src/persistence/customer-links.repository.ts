import type { DataSource, QueryRunner } from '@mlc/platform-persistence';

/** A shopper's BC customer, by lowercased email. */
export interface CustomerLink {
  readonly customerId: string;
  readonly customerNumber: string;
  readonly note: string;
}

type Tx = Pick<QueryRunner['manager'], 'query'>;

/**
 * customer_links: the customer cache (DESIGN.md 3.5). Invalidated by `businesscentral.customer-changed.v1`. The
 * per-shopper guard that makes concurrent orders of one new shopper create one customer is a transaction-scoped
 * advisory lock on (connection, email): see `withEmailLock`.
 */
export class CustomerLinksRepository {
  constructor(private readonly db: DataSource) {}

  async get(connectionId: string, emailLower: string, tx: Tx = this.db): Promise<CustomerLink | undefined> {
    const rows: Array<{ bc_customer_id: string; bc_customer_number: string; note: string }> = await tx.query(
      `select bc_customer_id, bc_customer_number, note from customer_links where connection_id = $1 and email_lower = $2`,
      [connectionId, emailLower],
    );
    const row = rows[0];
    return row ? { customerId: row.bc_customer_id, customerNumber: row.bc_customer_number, note: row.note } : undefined;
  }

  async put(connectionId: string, emailLower: string, link: CustomerLink, tx: Tx = this.db): Promise<void> {
    await tx.query(
      `insert into customer_links (connection_id, email_lower, bc_customer_id, bc_customer_number, note)
       values ($1, $2, $3, $4, $5) on conflict (connection_id, email_lower) do update set
         bc_customer_id = excluded.bc_customer_id, bc_customer_number = excluded.bc_customer_number,
         note = excluded.note, updated_at = now()`,
      [connectionId, emailLower, link.customerId, link.customerNumber, link.note],
    );
  }

  /** Forgets every email linked to a BC customer (it changed in BC: blocked, merged, email edited, deleted). */
  async forgetCustomer(connectionId: string, customerId: string): Promise<number> {
    const [, count]: [unknown, number] = await this.db.query(
      `delete from customer_links where connection_id = $1 and lower(bc_customer_id) = lower($2)`,
      [connectionId, customerId],
    );
    return count;
  }

  async forgetEmail(connectionId: string, emailLower: string): Promise<void> {
    await this.db.query(`delete from customer_links where connection_id = $1 and email_lower = $2`, [
      connectionId,
      emailLower,
    ]);
  }

  /**
   * Runs `work` while holding a lock on (connection, email) for the length of a transaction: a second order of the
   * same shopper, in this process or another replica, waits and then finds the link the first one stored.
   */
  async withEmailLock<T>(connectionId: string, emailLower: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`customer:${connectionId}:${emailLower}`]);
      return work(tx);
    });
  }
}
