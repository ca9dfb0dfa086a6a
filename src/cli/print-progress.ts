import type { EngineEvent } from "../engine/engine-event";
import { progressLine } from "../render/progress-line";
import type { Io } from "./io";

/** An engine-event handler that prints one progress line per resource event on stderr. */
export function printProgress(io: Io): (event: EngineEvent) => void {
  return (event) => {
    const line = progressLine(event);
    if (line !== undefined) io.stderr.write(`${line}\n`);
  };
}
