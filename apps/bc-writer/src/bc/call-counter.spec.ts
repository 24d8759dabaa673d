import { CallCounter, counted } from './call-counter';

class Store {
  #token = 'secret';
  readonly orders = { get: async (id: number) => `order ${id}`, list: async () => [1, 2] };
  async ping() {
    return this.#token.length;
  }
}

describe('counted', () => {
  it('counts calls by name, one level down, and keeps private fields working', async () => {
    const counter = new CallCounter();
    const store = counted(new Store(), counter);
    expect(await store.ping()).toBe(6);
    await store.orders.get(1);
    await store.orders.get(2);
    await store.orders.list();
    expect(counter.toJSON()).toEqual({ 'orders.get': 2, 'orders.list': 1, ping: 1 });
    expect(counter.total).toBe(4);
  });
});
