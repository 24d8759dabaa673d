import { NewParkedMessage, ParkedMessage, ParkingLot } from './parking-lot.port';

/** A ParkingLot for unit tests and single-process tools; not durable. */
export class InMemoryParkingLot implements ParkingLot {
  private readonly lots = new Map<string, { owner?: string; leaseUntil: number; messages: ParkedMessage[] }>();
  private nextId = 1;

  constructor(private readonly now: () => number = Date.now) {}

  async appendIfParked(group: string, connectionId: string, message: NewParkedMessage): Promise<boolean> {
    const lot = this.lots.get(k(group, connectionId));
    if (!lot) return false;
    lot.messages.push(this.toParked(message, 'behind parked messages'));
    return true;
  }

  async park(group: string, connectionId: string, message: NewParkedMessage, reason: string): Promise<void> {
    const key = k(group, connectionId);
    const lot = this.lots.get(key) ?? { leaseUntil: 0, messages: [] };
    lot.messages.push(this.toParked(message, reason));
    this.lots.set(key, lot);
  }

  async claim(group: string, connectionId: string, owner: string, leaseMs: number): Promise<boolean> {
    const lot = this.lots.get(k(group, connectionId));
    if (!lot) return false;
    if (lot.owner && lot.owner !== owner && lot.leaseUntil > this.now()) return false;
    lot.owner = owner;
    lot.leaseUntil = this.now() + leaseMs;
    return true;
  }

  async peek(group: string, connectionId: string, partition?: number): Promise<ParkedMessage | undefined> {
    return this.lots.get(k(group, connectionId))?.messages.find((m) => partition === undefined || m.partition === partition);
  }

  async parkedPartitions(group: string, connectionId: string): Promise<number[]> {
    const messages = this.lots.get(k(group, connectionId))?.messages ?? [];
    return [...new Set(messages.map((m) => m.partition))].sort((a, b) => a - b);
  }

  async remove(id: string): Promise<void> {
    for (const lot of this.lots.values()) {
      const i = lot.messages.findIndex((m) => m.id === id);
      if (i >= 0) lot.messages.splice(i, 1);
    }
  }

  async unparkIfEmpty(group: string, connectionId: string): Promise<boolean> {
    const key = k(group, connectionId);
    const lot = this.lots.get(key);
    if (!lot || lot.messages.length > 0) return false;
    this.lots.delete(key);
    return true;
  }

  async parkedConnections(group: string): Promise<string[]> {
    const prefix = `${group}\u0000`;
    return [...this.lots.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  }

  async stats(group: string): Promise<{ count: number; oldestAgeMs: number }> {
    let count = 0;
    let oldest = Infinity;
    for (const [key, lot] of this.lots) {
      if (!key.startsWith(`${group}\u0000`)) continue;
      count += lot.messages.length;
      for (const m of lot.messages) oldest = Math.min(oldest, m.parkedAt.getTime());
    }
    return { count, oldestAgeMs: count ? this.now() - oldest : 0 };
  }

  private toParked(message: NewParkedMessage, reason: string): ParkedMessage {
    return { ...message, id: String(this.nextId++), reason, parkedAt: new Date(this.now()) };
  }
}

function k(group: string, connectionId: string) {
  return `${group}\u0000${connectionId}`;
}
