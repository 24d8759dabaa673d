import { applyOrderState, CommittedStockState, emptyCommittedStock, OrderStateEvent } from '@mlc/catalog';
import type { CommittedLoader } from '../push/committed-source';

/** Committed stock folded in memory from order-state events, for unit specs. */
export class MemoryCommitted implements CommittedLoader {
  state: CommittedStockState;

  constructor(connectionId = 'acme') {
    this.state = emptyCommittedStock(connectionId);
  }

  apply(event: Omit<OrderStateEvent, 'connectionId'> & { connectionId?: string }): this {
    this.state = applyOrderState(this.state, { connectionId: this.state.connectionId, ...event });
    return this;
  }

  /** Events are all there is to committed stock here: nothing to read back. */
  readBack(): Promise<void> {
    return Promise.resolve();
  }

  async load(): Promise<CommittedStockState> {
    return this.state;
  }
}
