import type { Interrupt } from "../stack/stack-session";
import type { Io } from "./io";

/** The signals that stop a run: Ctrl-C, and SIGTERM as CI runners and `kill` send it. */
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Interrupt handling for one run of engine operations (the stack frame sets it up and disposes
 * it): the first SIGINT or SIGTERM asks the engine to stop gracefully (it finishes the calls in
 * flight, records them and releases the stack's lock); a second one exits at once (130 / 143),
 * which terminates the engine too.
 *
 * The Pulumi CLI runs in its own process group (see detachedPulumi), so neither a terminal's
 * Ctrl-C nor a signal to the whole group reaches it or its provider plugins: planton forwards
 * exactly one interrupt, always.
 */
export function onInterrupt(io: Io): Interrupt {
  const engine = new AbortController();
  const interrupted = new AbortController();
  const handler = (signal: NodeJS.Signals): void => {
    const again = signal === "SIGINT" && io.stdinIsTTY ? "press Ctrl-C again" : `send ${signal} again`;
    if (!interrupted.signal.aborted) {
      io.stderr.write(`\nstopping: waiting for the engine to finish the operations in flight (${again} to abort now)\n`);
      interrupted.abort();
      engine.abort();
      return;
    }
    io.stderr.write("\naborted; the next `planton apply` resolves the operations left unfinished (see README: Cancelled runs)\n");
    process.exit(signal === "SIGTERM" ? 143 : 130);
  };
  const handlers = SIGNALS.map((name) => [name, () => handler(name)] as const);
  for (const [name, on] of handlers) process.on(name, on);
  return { signal: engine.signal, interrupted: interrupted.signal, dispose: () => handlers.forEach(([name, on]) => process.off(name, on)) };
}
