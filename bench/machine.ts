import * as os from 'node:os';

/**
 * What a benchmark's figures were measured on (they compare only on like machines): CPU, cores, memory, OS and Node,
 * and with `loadAverage` the host's 1-minute load average now (the machine is shared; other work skews every figure).
 */
export function describeMachine(options: { readonly loadAverage?: boolean } = {}): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    logicalCores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    ...(options.loadAverage ? { loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 } : {}),
  };
}
