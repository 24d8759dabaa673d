const endHooks = new Set<() => void>();
let signalsHooked = false;

/** SIGTERM or SIGINT (jest ending a worker, Ctrl-C) would skip 'exit' hooks: turn them into an exit that runs them. */
function exitOnSignal(signal: NodeJS.Signals): void {
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/**
 * Runs `hook` (synchronous: kill children, nothing awaited) when this process ends, by exit or by SIGTERM/SIGINT, so
 * that brokers and services a test started are never left running behind it. Returns the function that unhooks it.
 */
export function onProcessEnd(hook: () => void): () => void {
  endHooks.add(hook);
  process.once('exit', hook);
  if (!signalsHooked) {
    signalsHooked = true;
    process.once('SIGTERM', exitOnSignal);
    process.once('SIGINT', exitOnSignal);
  }
  return () => {
    endHooks.delete(hook);
    process.removeListener('exit', hook);
    if (endHooks.size === 0 && signalsHooked) {
      signalsHooked = false;
      process.removeListener('SIGTERM', exitOnSignal);
      process.removeListener('SIGINT', exitOnSignal);
    }
  };
}
