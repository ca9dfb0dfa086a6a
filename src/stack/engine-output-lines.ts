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

function isTicker(line: string): boolean {
  return /^@ [a-z]+\.*\s*$/i.test(line);
}
