/** A message taken off a partition and kept, in order, until its connection can be served again. */
export interface ParkedMessage {
  readonly id: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
  readonly reason: string;
  readonly parkedAt: Date;
}

export type NewParkedMessage = Omit<ParkedMessage, 'id' | 'parkedAt' | 'reason'>;

/**
 * Durable per-(consumer group, connection) parking. While a connection is parked every further message of it is
 * appended behind the parked ones, so per-key order holds and the partition keeps moving for other connections.
 * Implementations must make `appendIfParked` and `unparkIfEmpty` atomic with respect to each other.
 */
export interface ParkingLot {
  /** Appends when the connection is parked (returns true); otherwise does nothing (false). */
  appendIfParked(group: string, connectionId: string, message: NewParkedMessage): Promise<boolean>;
  /** Parks the connection (if it is not yet) and appends the message. */
  park(group: string, connectionId: string, message: NewParkedMessage, reason: string): Promise<void>;
  /** Claims the connection for draining by `owner` for `leaseMs`; false when another owner holds a live lease. */
  claim(group: string, connectionId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** The oldest parked message of the connection (of its messages from `partition`, when given). */
  peek(group: string, connectionId: string, partition?: number): Promise<ParkedMessage | undefined>;
  /** The partitions the connection has parked messages from (keys map to partitions: each is an independent queue). */
  parkedPartitions(group: string, connectionId: string): Promise<number[]>;
  remove(id: string): Promise<void>;
  /** Unparks the connection when nothing is left behind it; true when it was unparked. */
  unparkIfEmpty(group: string, connectionId: string): Promise<boolean>;
  parkedConnections(group: string): Promise<string[]>;
  /** Number of parked messages and the age in ms of the oldest, per group (for metrics and alerts). */
  stats(group: string): Promise<{ count: number; oldestAgeMs: number }>;
}
