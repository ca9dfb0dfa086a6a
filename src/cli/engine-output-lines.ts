import type { Io } from "./io";

/** A chunk sink for the engine's raw output, and `flush` for the end of the operation. */
export interface EngineOutputLines {
  (chunk: string): void;
  /** Writes a last line the engine ended without a newline (with one); call when the operation is over. */
  flush(): void;
}

/**
 * Turns the engine's raw output (chunks cut anywhere) into whole lines for --verbose, so the log
 * never holds a partial line, and drops the Pulumi CLI's non-interactive ticker (`@ updating....`,
 * one dot a second): planton's heartbeat says the run is alive. A last line without its newline
 * is held until the next chunk completes it, or until `flush` at the end of the operation.
 */
export function engineOutputLines(write: (text: string) => void): EngineOutputLines {
  let pending = "";
  const sink = (chunk: string): void => {
    pending += chunk.replace(/\r\n?/g, "\n");
    const end = pending.lastIndexOf("\n");
    if (end < 0) return;
    const lines = pending.slice(0, end).split("\n");
    pending = pending.slice(end + 1);
    const kept = lines.filter((line) => !isTicker(line));
    if (kept.length > 0) write(`${kept.join("\n")}\n`);
  };
  const flush = (): void => {
    const last = pending;
    pending = "";
    if (last !== "" && !isTicker(last)) write(`${last}\n`);
  };
  return Object.assign(sink, { flush });
}

/** What an engine operation's options get for --verbose, and the flush to call once it is over. */
export interface VerboseEngineOutput {
  readonly engine: { onEngineOutput?: (text: string) => void };
  readonly flush: () => void;
}

/**
 * Under --verbose, the engine's own output goes to stderr in whole lines (see engineOutputLines);
 * else nowhere. Call `flush` when the operation ends so its last line is not lost.
 */
export function verboseEngineOutput(options: { verbose: boolean }, io: Io): VerboseEngineOutput {
  if (!options.verbose) return { engine: {}, flush: () => undefined };
  const lines = engineOutputLines((text) => io.stderr.write(text));
  return { engine: { onEngineOutput: lines }, flush: lines.flush };
}

function isTicker(line: string): boolean {
  return /^@ [a-z]+\.*\s*$/i.test(line);
}
