/** The signals that stop planton, and the exit codes a shell gives a process they killed. */
const SIGNALS = [["SIGINT", 130], ["SIGTERM", 143]] as const;

/**
 * While planton reads from the engine outside a run of stacks (the listing of `planton stacks`,
 * preview's look for orphans) there is nothing to stop gracefully: the first SIGINT or SIGTERM
 * exits at once (130 / 143) through the exit hooks, which stop the Pulumi CLIs and remove the
 * work directories (a signal's default action would skip them). Returns what restores the default.
 */
export function exitOnSignal(): () => void {
  const handlers = SIGNALS.map(([signal, code]) => [signal, () => process.exit(code)] as const);
  for (const [signal, on] of handlers) process.on(signal, on);
  return () => handlers.forEach(([signal, on]) => process.off(signal, on));
}
