/**
 * Turns the engine's raw output (chunks cut anywhere) into whole lines for --verbose, so the log
 * never holds a partial line, and drops the Pulumi CLI's non-interactive ticker (`@ updating....`,
 * one dot a second): planton's heartbeat says the run is alive. A last line without its newline
 * is held until the next chunk completes it.
 */
export function engineOutputLines(write: (text: string) => void): (chunk: string) => void {
  let pending = "";
  return (chunk) => {
    pending += chunk.replace(/\r\n?/g, "\n");
    const end = pending.lastIndexOf("\n");
    if (end < 0) return;
    const lines = pending.slice(0, end).split("\n");
    pending = pending.slice(end + 1);
    const kept = lines.filter((line) => !isTicker(line));
    if (kept.length > 0) write(`${kept.join("\n")}\n`);
  };
}

function isTicker(line: string): boolean {
  return /^@ [a-z]+\.*\s*$/i.test(line);
}
