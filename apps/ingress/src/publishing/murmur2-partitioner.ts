import type { ICustomPartitioner } from 'kafkajs';

/*
 * The Java client's key partitioning (Utils.murmur2 with seed 0x9747b28c, then `toPositive(hash) % partitions`), which
 * is also kafkajs's DefaultPartitioner: every producer of a topic must agree, or one key's records (an order and its
 * refunds) would be split across partitions and lose their order. kafkajs computes it with 64-bit Long objects, several
 * per byte group, which made it the largest source of garbage in ingress; this is the same function in 32-bit integer
 * arithmetic (the low 32 bits of a product depend only on the low 32 bits of its factors), without allocating.
 */
const M = 0x5bd1e995;
const SEED = 0x9747b28c;
const scratch = Buffer.allocUnsafe(1024);

/** Kafka's murmur2 of the bytes in `data[0, length)`, as a signed 32-bit integer. */
export function murmur2(data: Uint8Array, length = data.length): number {
  // Every index read below is < length <= data.length.
  const byte = (i: number): number => data[i] ?? 0;
  let h = SEED ^ length;
  const blocks = length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const at = i << 2;
    let k = byte(at) | (byte(at + 1) << 8) | (byte(at + 2) << 16) | (byte(at + 3) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= byte(tail + 2) << 16;
  if (rest >= 2) h ^= byte(tail + 1) << 8;
  if (rest >= 1) h = Math.imul(h ^ byte(tail), M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition of a key among `partitions`, as the Java client and kafkajs's DefaultPartitioner choose it. */
export function partitionOfKey(key: string | Buffer, partitions: number): number {
  let hash: number;
  if (typeof key !== 'string') hash = murmur2(key);
  else if (Buffer.byteLength(key, 'utf8') <= scratch.length) hash = murmur2(scratch, scratch.write(key, 0, 'utf8'));
  else hash = murmur2(Buffer.from(key, 'utf8'));
  return (hash & 0x7fffffff) % partitions;
}

/** A kafkajs partitioner equivalent to DefaultPartitioner; records without a key go round-robin. */
export const Murmur2Partitioner: ICustomPartitioner = () => {
  let next = 0;
  return ({ partitionMetadata, message }) => {
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    if (message.key !== undefined && message.key !== null) return partitionOfKey(message.key, partitionMetadata.length);
    next = (next + 1) & 0x7fffffff;
    return next % partitionMetadata.length;
  };
};
