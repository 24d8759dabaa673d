import type { DataSource } from '@mlc/platform-persistence';

/** Runs one task at a time per key. */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** In-process: tasks of one key run in arrival order, one at a time; other keys run freely. */
export class LocalLocks implements KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}

/**
 * One push per connection at a time across replicas: an in-process queue, then a PostgreSQL session advisory lock
 * held for the task. A connection's inventory calls therefore never overlap, and a push always reads the SKU map
 * its predecessor recorded.
 */
export class ConnectionLocks implements KeyedLock {
  private readonly local = new LocalLocks();

  constructor(private readonly db: DataSource) {}

  run<T>(connectionId: string, task: () => Promise<T>): Promise<T> {
    return this.local.run(connectionId, async () => {
      const runner = this.db.createQueryRunner();
      await runner.connect();
      try {
        await runner.query(`select pg_advisory_lock(hashtext('catalog-writer'), hashtext($1))`, [connectionId]);
        try {
          return await task();
        } finally {
          await runner.query(`select pg_advisory_unlock(hashtext('catalog-writer'), hashtext($1))`, [connectionId]);
        }
      } finally {
        await runner.release();
      }
    });
  }
}
