import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { SecretBox } from '@mlc/platform-crypto';
import { PermanentError } from '@mlc/platform-errors';
import {
  Connection,
  ConnectionCredentials,
  ConnectionSettings,
  credentialsSchema,
  parseConnectionSettings,
  patchSettings,
} from './connection';

interface Row {
  id: string;
  name: string;
  store_hash: string;
  store_id: string;
  bc_tenant_id: string;
  bc_environment: string;
  bc_company_id: string;
  bc_client_id: string;
  settings: unknown;
  settings_version: number;
  credentials: string;
  key_id: string;
  source: 'cli' | 'env';
}

export type NewConnection = Omit<Connection, 'settings' | 'settingsVersion'> & { settings?: unknown };

/**
 * The one place connections, their settings and credentials live. Credentials are sealed with AES-256-GCM under
 * MASTER_KEY (bound to the connection id); reads are cached briefly so the hot path (ingress) costs no round trip.
 */
export class ConnectionRegistry {
  private readonly cache = new Map<string, { at: number; value: { connection: Connection; credentials: ConnectionCredentials } | null }>();

  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    private readonly cacheTtlMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<Connection | undefined> {
    return (await this.load(id))?.connection;
  }

  async credentials(id: string): Promise<ConnectionCredentials> {
    const loaded = await this.load(id);
    if (!loaded) throw new PermanentError('NOT_FOUND', `connection ${id} does not exist`);
    return loaded.credentials;
  }

  async list(): Promise<Connection[]> {
    const rows: Row[] = await this.db.query(`select * from connections order by id`);
    return rows.map((r) => this.toConnection(r));
  }

  /** Adds a connection; refuses an existing id. Settings get their defaults and version 1. */
  async add(input: NewConnection, credentials: ConnectionCredentials, changedBy = 'cli'): Promise<Connection> {
    const settings = parseConnectionSettings(input.settings ?? {});
    const creds = credentialsSchema.parse(credentials);
    this.cache.delete(input.id);
    await this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `insert into connections (id, name, store_hash, store_id, bc_tenant_id, bc_environment, bc_company_id, bc_client_id,
           settings, settings_version, credentials, key_id, source)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12)
         on conflict (id) do nothing returning id`,
        [
          input.id,
          input.name,
          input.bigcommerce.storeHash,
          input.bigcommerce.storeId,
          input.businessCentral.tenantId,
          input.businessCentral.environment,
          input.businessCentral.companyId,
          input.businessCentral.clientId,
          JSON.stringify(settings),
          this.box.seal(JSON.stringify(creds), input.id),
          this.box.currentKeyId,
          input.source,
        ],
      );
      if (inserted.length === 0) throw new PermanentError('CONFLICT', `connection ${input.id} already exists`);
      await tx.query(`insert into settings_history (connection_id, version, settings, changed_by) values ($1, 1, $2, $3)`, [
        input.id,
        JSON.stringify(settings),
        changedBy,
      ]);
    });
    this.cache.delete(input.id);
    return (await this.get(input.id))!;
  }

  async remove(id: string): Promise<boolean> {
    const result: [unknown[], number] = await this.db.query(`delete from connections where id = $1`, [id]);
    await this.db.query(`delete from settings_history where connection_id = $1`, [id]);
    this.cache.delete(id);
    return result[1] > 0;
  }

  /** Merges a settings patch, validates it, bumps the version and records the history entry. */
  async updateSettings(id: string, patch: Record<string, unknown>, changedBy = 'cli'): Promise<Connection> {
    await this.db.transaction(async (tx) => {
      const rows: Row[] = await tx.query(`select * from connections where id = $1 for update`, [id]);
      const row = rows[0];
      if (!row) throw new PermanentError('NOT_FOUND', `connection ${id} does not exist`);
      const next = patchSettings(parseConnectionSettings(row.settings), patch);
      const version = row.settings_version + 1;
      await tx.query(`update connections set settings = $2, settings_version = $3, updated_at = now() where id = $1`, [
        id,
        JSON.stringify(next),
        version,
      ]);
      await tx.query(`insert into settings_history (connection_id, version, settings, changed_by) values ($1, $2, $3, $4)`, [
        id,
        version,
        JSON.stringify(next),
        changedBy,
      ]);
    });
    this.cache.delete(id);
    return (await this.get(id))!;
  }

  /** The settings that were in force at a version (for trace: which settings decided an order). */
  async settingsAt(id: string, version: number): Promise<ConnectionSettings | undefined> {
    const rows: Array<{ settings: unknown }> = await this.db.query(
      `select settings from settings_history where connection_id = $1 and version = $2`,
      [id, version],
    );
    return rows[0] ? parseConnectionSettings(rows[0].settings) : undefined;
  }

  /** Re-seals every credential under `next` (which must also hold the current key as a previous key). */
  async rotateKeys(next: SecretBox): Promise<{ rotated: number; keyId: string }> {
    let rotated = 0;
    await this.db.transaction(async (tx) => {
      const rows: Row[] = await tx.query(`select id, credentials from connections for update`);
      for (const row of rows) {
        let plain: string;
        try {
          plain = next.open(row.credentials, row.id);
        } catch (err) {
          throw new PermanentError('CONFIG', `connection ${row.id}: ${(err as Error).message}; nothing was rotated`);
        }
        await tx.query(`update connections set credentials = $2, key_id = $3, updated_at = now() where id = $1`, [
          row.id,
          next.seal(plain, row.id),
          next.currentKeyId,
        ]);
        rotated += 1;
      }
    });
    this.cache.clear();
    return { rotated, keyId: next.currentKeyId };
  }

  private async load(id: string) {
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.cacheTtlMs) return hit.value ?? undefined;
    const rows: Row[] = await this.db.query(`select * from connections where id = $1`, [id]);
    const row = rows[0];
    const value = row
      ? { connection: this.toConnection(row), credentials: credentialsSchema.parse(JSON.parse(this.box.open(row.credentials, row.id))) }
      : null;
    this.cache.set(id, { at: this.now(), value });
    return value ?? undefined;
  }

  private toConnection(row: Row): Connection {
    return {
      id: row.id,
      name: row.name,
      bigcommerce: { storeHash: row.store_hash, storeId: row.store_id },
      businessCentral: {
        tenantId: row.bc_tenant_id,
        environment: row.bc_environment,
        companyId: row.bc_company_id,
        clientId: row.bc_client_id,
      },
      settings: parseConnectionSettings(row.settings),
      settingsVersion: row.settings_version,
      source: row.source,
    };
  }
}

export const storeIdSchema = z.string().regex(/^\d+$/, 'store ids are numeric');
