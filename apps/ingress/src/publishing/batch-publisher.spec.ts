import { RetryableError } from '@mlc/platform-errors';
import { BatchPublisher, BatchSender, OutboundMessage } from './batch-publisher';

/** A broker whose acknowledgements the test releases one send at a time. */
class ScriptedBroker implements BatchSender {
  readonly sends: OutboundMessage[][] = [];
  private readonly waiting: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];

  send(messages: readonly OutboundMessage[]): Promise<void> {
    this.sends.push([...messages]);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  ack(): void {
    this.next().resolve();
  }

  fail(err: unknown): void {
    this.next().reject(err);
  }

  private next() {
    const waiting = this.waiting.shift();
    if (!waiting) throw new Error('no send is waiting for the broker');
    return waiting;
  }
}

const msg = (key: string): OutboundMessage => ({ topic: 't', key, value: Buffer.from(key) });
const turn = () => new Promise((resolve) => setImmediate(resolve));

function setup(options: Partial<ConstructorParameters<typeof BatchPublisher>[1]> = {}) {
  const broker = new ScriptedBroker();
  const clock = { now: 0 };
  const publisher = new BatchPublisher(
    broker,
    { maxBatchMessages: 100, maxQueuedMessages: 1000, stallMs: 5000, ...options },
    () => clock.now,
  );
  return { broker, clock, publisher };
}

function track(promise: Promise<void>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => (state.settled = true),
    (err: unknown) => {
      state.settled = true;
      state.error = err;
    },
  );
  return state;
}

describe('BatchPublisher', () => {
  it('resolves a submission only once the broker acknowledged it', async () => {
    const { broker, publisher } = setup();
    const first = track(publisher.submit([msg('a'), msg('b')]));
    await turn();
    expect(broker.sends).toEqual([[msg('a'), msg('b')]]);
    expect(first.settled).toBe(false);
    broker.ack();
    await turn();
    expect(first).toEqual({ settled: true, error: undefined });
  });

  it('gathers submissions made while a send is in flight into the next send', async () => {
    const { broker, publisher } = setup();
    const a = track(publisher.submit([msg('a')]));
    await turn();
    const b = track(publisher.submit([msg('b')]));
    const c = track(publisher.submit([msg('c1'), msg('c2')]));
    await turn();
    expect(broker.sends).toHaveLength(1);
    broker.ack();
    await turn();
    expect(a.settled).toBe(true);
    expect(broker.sends[1]?.map((m) => m.key)).toEqual(['b', 'c1', 'c2']);
    expect(b.settled || c.settled).toBe(false);
    broker.ack();
    await turn();
    expect(b.settled && c.settled).toBe(true);
  });

  it('closes a batch at maxBatchMessages without splitting a submission', async () => {
    const { broker, publisher } = setup({ maxBatchMessages: 3 });
    void publisher.submit([msg('a'), msg('b')]);
    void publisher.submit([msg('c'), msg('d')]);
    await turn();
    expect(broker.sends.map((s) => s.length)).toEqual([2]);
    broker.ack();
    await turn();
    expect(broker.sends.map((s) => s.length)).toEqual([2, 2]);
  });

  it('rejects every submission of a failed send with the sender error', async () => {
    const { broker, publisher } = setup();
    const a = track(publisher.submit([msg('a')]));
    const b = track(publisher.submit([msg('b')]));
    await turn();
    const down = new RetryableError('DEPENDENCY_DOWN', 'Kafka publish failed: connection refused');
    broker.fail(down);
    await turn();
    expect(a.error).toBe(down);
    expect(b.error).toBe(down);
  });

  it('refuses new submissions at once while a send is stuck, and recovers when it completes', async () => {
    const { broker, clock, publisher } = setup({ stallMs: 5000 });
    const stuck = track(publisher.submit([msg('a')]));
    await turn();
    clock.now = 5001;
    expect(publisher.healthy).toBe(false);
    await expect(publisher.submit([msg('b')])).rejects.toMatchObject({ code: 'DEPENDENCY_DOWN' });
    broker.ack();
    await turn();
    expect(stuck).toEqual({ settled: true, error: undefined });
    expect(publisher.healthy).toBe(true);
    const next = track(publisher.submit([msg('c')]));
    await turn();
    broker.ack();
    await turn();
    expect(next.settled).toBe(true);
    expect(broker.sends.flat().map((m) => m.key)).toEqual(['a', 'c']);
  });

  it('refuses a submission that would overfill the queue', async () => {
    const { publisher } = setup({ maxQueuedMessages: 3 });
    void publisher.submit([msg('a'), msg('b')]);
    await expect(publisher.submit([msg('c'), msg('d')])).rejects.toBeInstanceOf(RetryableError);
    await expect(publisher.submit([])).resolves.toBeUndefined();
  });

  it('reports when everything queued has been sent', async () => {
    const { broker, publisher } = setup();
    await publisher.drained();
    void publisher.submit([msg('a')]);
    const drained = track(publisher.drained());
    await turn();
    expect(drained.settled).toBe(false);
    broker.ack();
    await turn();
    expect(drained.settled).toBe(true);
  });

  it('lets a submission that finds the producer idle wait lingerMs for company', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const { broker, publisher } = setup({ lingerMs: 2 });
      void publisher.submit([msg('a')]);
      jest.advanceTimersByTime(1);
      void publisher.submit([msg('b')]);
      expect(broker.sends).toHaveLength(0);
      jest.advanceTimersByTime(1);
      expect(broker.sends.map((s) => s.map((m) => m.key))).toEqual([['a', 'b']]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports each send to the observer', async () => {
    const seen: Array<{ messages: number; ok: boolean }> = [];
    const { broker, publisher } = setup({ onSend: ({ messages, ok }) => seen.push({ messages, ok }) });
    void publisher.submit([msg('a'), msg('b')]);
    await turn();
    broker.ack();
    await turn();
    void publisher.submit([msg('c')]).catch(() => undefined);
    await turn();
    broker.fail(new Error('down'));
    await turn();
    expect(seen).toEqual([
      { messages: 2, ok: true },
      { messages: 1, ok: false },
    ]);
  });

  describe('with two producers', () => {
    function setupTwo() {
      const a = new ScriptedBroker();
      const b = new ScriptedBroker();
      const clock = { now: 0 };
      const publisher = new BatchPublisher(
        [a, b],
        { maxBatchMessages: 100, maxQueuedMessages: 1000, stallMs: 5000 },
        () => clock.now,
      );
      return { a, b, clock, publisher };
    }

    it('sends the next batch on the idle producer while the first is in flight', async () => {
      const { a, b, publisher } = setupTwo();
      const first = track(publisher.submit([msg('a')]));
      await turn();
      const second = track(publisher.submit([msg('b1'), msg('b2')]));
      await turn();
      expect(a.sends.map((s) => s.map((m) => m.key))).toEqual([['a']]);
      expect(b.sends.map((s) => s.map((m) => m.key))).toEqual([['b1', 'b2']]);
      b.ack();
      await turn();
      expect(second.settled).toBe(true);
      expect(first.settled).toBe(false);
      a.ack();
      await turn();
      expect(first).toEqual({ settled: true, error: undefined });
    });

    it('queues while both are busy and gives everything queued to the first that completes', async () => {
      const { a, b, publisher } = setupTwo();
      void publisher.submit([msg('a')]);
      await turn();
      void publisher.submit([msg('b')]);
      await turn();
      const c = track(publisher.submit([msg('c')]));
      const d = track(publisher.submit([msg('d')]));
      await turn();
      expect(a.sends.length + b.sends.length).toBe(2);
      b.ack();
      await turn();
      expect(b.sends.map((s) => s.map((m) => m.key))).toEqual([['b'], ['c', 'd']]);
      b.ack();
      await turn();
      expect(c.settled && d.settled).toBe(true);
    });

    it('is unhealthy while either producer is stuck, and drains only when both are done', async () => {
      const { a, b, clock, publisher } = setupTwo();
      void publisher.submit([msg('a')]);
      await turn();
      void publisher.submit([msg('b')]);
      await turn();
      const drained = track(publisher.drained());
      b.ack();
      await turn();
      expect(drained.settled).toBe(false);
      clock.now = 5001;
      expect(publisher.healthy).toBe(false);
      await expect(publisher.submit([msg('c')])).rejects.toMatchObject({ code: 'DEPENDENCY_DOWN' });
      a.ack();
      await turn();
      expect(drained.settled).toBe(true);
      expect(publisher.healthy).toBe(true);
    });

    it('rejects the submissions of a failed send only', async () => {
      const { a, b, publisher } = setupTwo();
      const first = track(publisher.submit([msg('a')]));
      await turn();
      const second = track(publisher.submit([msg('b')]));
      await turn();
      a.fail(new RetryableError('DEPENDENCY_DOWN', 'Kafka publish failed'));
      b.ack();
      await turn();
      expect(first.error).toBeInstanceOf(RetryableError);
      expect(second).toEqual({ settled: true, error: undefined });
    });
  });
});
