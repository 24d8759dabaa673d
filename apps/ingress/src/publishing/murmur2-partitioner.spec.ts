import { randomBytes } from 'node:crypto';
import { Partitioners, PartitionMetadata } from 'kafkajs';
import { murmur2, Murmur2Partitioner, partitionOfKey } from './murmur2-partitioner';

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    replicas: [1],
    isr: [1],
    offlineReplicas: [],
    partitionErrorCode: 0,
  }));

describe('murmur2 partitioning', () => {
  it('matches the Java client for known keys', () => {
    // Values of org.apache.kafka.common.utils.Utils.murmur2 (as used by DefaultPartitioner) for these keys.
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from('abc'))).toBe(479470107);
  });

  it('puts every key on the partition kafkajs DefaultPartitioner picks', () => {
    const theirs = Partitioners.DefaultPartitioner();
    const ours = Murmur2Partitioner();
    const keys = [
      'acme:250',
      'acme:store/order/created:250',
      'connection-with-a-long-name-0123456789:5d115c9c-44e3-ea11-bb43-000d3a2feca1',
      'ünïcødé:ключ:鍵',
      ...Array.from({ length: 2000 }, () => randomBytes(1 + Math.floor(Math.random() * 80)).toString('base64')),
    ];
    for (const partitions of [1, 3, 6, 12, 50]) {
      for (const key of keys) {
        const args = { topic: 't', partitionMetadata: metadata(partitions), message: { key, value: null } };
        expect(ours(args)).toBe(theirs(args));
      }
    }
  });

  it('hashes string and byte keys alike, long ones included', () => {
    const long = 'k'.repeat(5000);
    expect(partitionOfKey(long, 6)).toBe(partitionOfKey(Buffer.from(long), 6));
    expect(partitionOfKey('acme:250', 6)).toBe(partitionOfKey(Buffer.from('acme:250'), 6));
  });

  it('honours an explicit partition and spreads keyless records', () => {
    const ours = Murmur2Partitioner();
    expect(ours({ topic: 't', partitionMetadata: metadata(6), message: { key: 'x', value: null, partition: 4 } })).toBe(
      4,
    );
    const seen = new Set(
      Array.from({ length: 12 }, () => ours({ topic: 't', partitionMetadata: metadata(6), message: { value: null } })),
    );
    expect(seen.size).toBe(6);
  });
});
