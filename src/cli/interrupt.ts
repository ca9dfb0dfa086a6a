import type { Interrupt } from "../stack/stack-session";
import type { Io } from "./io";

/**
 * Ctrl-C handling for one run of engine operations (the stack frame sets it up and disposes it):
 * the first SIGINT asks the engine to stop gracefully (it finishes the calls in flight, records
 * them and releases the stack's lock); a second SIGINT exits at once with 130.
 *
 * At a terminal, Ctrl-C reaches the whole foreground process group, so the Pulumi CLI has
 * already had its SIGINT: forwarding another would count as its second Ctrl-C, which makes it
 * terminate at once. So planton forwards the signal only when its stdin is not a terminal
 * (`kill -INT`, a CI runner cancelling the job).
 */
export function onInterrupt(io: Io): Interrupt {
  const engine = new AbortController();
  const interrupted = new AbortController();
  const handler = (): void => {
    if (!interrupted.signal.aborted) {
      io.stderr.write("\nstopping: waiting for the engine to finish the operations in flight (press Ctrl-C again to abort now)\n");
      interrupted.abort();
      if (!io.stdinIsTTY) engine.abort();
      return;
    }
    io.stderr.write("\naborted; the stack may need `planton refresh` and its lock may need `pulumi cancel`\n");
    process.exit(130);
  };
  process.on("SIGINT", handler);
  return { signal: engine.signal, interrupted: interrupted.signal, dispose: () => void process.off("SIGINT", handler) };
}
