import type { KeyedLock } from '../push/connection-locks';
import type { RuntimeProvider } from '../push/connection-runtime';
import type { FullSync, FullSyncSummary, SyncProgress } from '../sku-map/full-sync';

/**
 * `ml-connector backfill catalog`: a full price and stock push of one connection (scan, map, levels, push), queued
 * behind any push of that connection under way. A dry run plans and reports without writing anything.
 */
export class BackfillService {
  constructor(
    private readonly runtimes: RuntimeProvider,
    private readonly locks: KeyedLock,
    private readonly fullSync: FullSync,
  ) {}

  async run(
    connectionId: string,
    options: { readonly dryRun: boolean; readonly onProgress?: (p: SyncProgress) => void },
  ): Promise<FullSyncSummary> {
    const rt = await this.runtimes.get(connectionId);
    return this.locks.run(connectionId, () =>
      this.fullSync.run(rt, {
        trigger: 'backfill',
        dryRun: options.dryRun,
        withLevels: true,
        ...(options.onProgress && { onProgress: options.onProgress }),
      }),
    );
  }
}
