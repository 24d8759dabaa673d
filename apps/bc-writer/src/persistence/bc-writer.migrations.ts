import { CreateParkingLot1764300000000 } from '@mlc/platform-kafka';
import type { MigrationInterface } from '@mlc/platform-persistence';
import { CreateBcWriterLedger1764400000000 } from './1764400000000-create-ledger.migration';

/** bc-writer's own Postgres schema; the CLI reads its ledger tables there. */
export const BC_WRITER_SCHEMA = 'bc_writer';

/** In order of application; the parking lot comes first because every consumer needs it. */
export const BC_WRITER_MIGRATIONS: Array<new () => MigrationInterface> = [
  CreateParkingLot1764300000000,
  CreateBcWriterLedger1764400000000,
];
