import type { Io } from "./io";

/** An AbortSignal fired by the first Ctrl-C; `dispose` restores the default Ctrl-C behaviour. */
export interface Interrupt {
  readonly signal: AbortSignal;
  readonly dispose: () => void;
}

/**
 * Ctrl-C handling for engine operations: the first SIGINT aborts the signal, which asks the
 * engine to stop gracefully (it finishes the calls in flight, records them and releases the
 * stack's lock); a second SIGINT exits at once with 130.
 */
export function onInterrupt(io: Io): Interrupt {
  const controller = new AbortController();
  const handler = (): void => {
    if (!controller.signal.aborted) {
      io.stderr.write("\nstopping: waiting for the engine to finish the operations in flight (press Ctrl-C again to abort now)\n");
      controller.abort();
      return;
    }
    io.stderr.write("\naborted; the stack may need `planton refresh` and its lock may need `pulumi cancel`\n");
    process.exit(130);
  };
  process.on("SIGINT", handler);
  return { signal: controller.signal, dispose: () => void process.off("SIGINT", handler) };
}
