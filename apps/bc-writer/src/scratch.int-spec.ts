import { WriterHarness } from './testing/writer-harness';
it('timing', async () => {
  const { harness: h } = await WriterHarness.start(['t']);
  const t = Date.now(); await h.stop(); console.log('stop', Date.now() - t);
}, 200_000);
