import { MultiBar, Presets, SingleBar } from 'cli-progress';
import type { Count, Evaluation } from './demo-expectations';

const BARS = [
  ['orders', 'orders in their expected state'],
  ['refunds', 'refunds as credit memos'],
  ['changes', 'BC changes in the store'],
  ['catalog', 'SKUs in step (price, stock)'],
] as const;

/**
 * The demo's progress on stderr (stdout keeps the summary): bars on a terminal, and on anything else (CI, a pipe) a
 * status line every few seconds. Steps are logged either way.
 */
export class DemoProgress {
  private readonly tty = process.stderr.isTTY === true;
  private multibar?: MultiBar;
  private bars = new Map<string, SingleBar>();
  private lastLine = 0;
  private readonly started = Date.now();

  step(text: string): void {
    const line = `[${this.elapsed()}] ${text}`;
    if (this.multibar) this.multibar.log(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  }

  update(evaluation: Evaluation): void {
    if (!this.tty) return this.statusLine(evaluation);
    this.multibar ??= new MultiBar(
      { stream: process.stderr, format: '{label} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false, barsize: 30 },
      Presets.shades_classic,
    );
    for (const [key, label] of BARS) {
      const count: Count = evaluation[key];
      const bar = this.bars.get(key) ?? this.multibar.create(Math.max(count.total, 1), 0, { label: label.padEnd(31) });
      this.bars.set(key, bar);
      bar.setTotal(Math.max(count.total, 1));
      bar.update(count.done, { label: label.padEnd(31) });
    }
  }

  stop(): void {
    this.multibar?.stop();
    this.multibar = undefined;
    this.bars = new Map();
  }

  private statusLine(e: Evaluation): void {
    if (Date.now() - this.lastLine < 5000) return;
    this.lastLine = Date.now();
    const parts = BARS.map(([key]) => `${key} ${e[key].done}/${e[key].total}`);
    process.stderr.write(`[${this.elapsed()}] ${parts.join(', ')}\n`);
  }

  private elapsed(): string {
    const s = Math.floor((Date.now() - this.started) / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  }
}
