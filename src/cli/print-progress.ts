import type { EngineEvent } from "../engine/engine-event";
import { isEngineBookkeeping } from "../plan/resource-kind";
import { progressLine } from "../render/progress-line";
import { heartbeatIntervalMs, startHeartbeat, type HeartbeatClock } from "./heartbeat";
import type { Io } from "./io";

/** How to follow one engine operation. */
export interface ProgressOptions {
  /** For the heartbeat, as in `still ‹doing›`: `applying stack payments`. */
  readonly doing: string;
  /** Injected in tests. */
  readonly clock?: HeartbeatClock;
}

/** The progress of one engine operation: feed it every event, stop it when the operation ends. */
export interface Progress {
  readonly onEvent: (event: EngineEvent) => void;
  readonly stop: () => void;
}

/**
 * Live progress of one engine operation on stderr: one whole line per resource event (never a
 * redraw, a spinner or a partial line), and a heartbeat line whenever the interval
 * (PLANTON_HEARTBEAT_SECONDS, default 60 s) passes without one, naming the resources in flight.
 */
export function startProgress(io: Io, options: ProgressOptions): Progress {
  const heartbeat = startHeartbeat({
    doing: options.doing,
    intervalMs: heartbeatIntervalMs(io.env),
    write: (line) => io.stderr.write(`${line}\n`),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const onEvent = (event: EngineEvent): void => {
    trackInFlight(event, heartbeat);
    const line = progressLine(event, new Date());
    if (line === undefined) return;
    io.stderr.write(`${line}\n`);
    heartbeat.printed();
  };
  return { onEvent, stop: () => heartbeat.stop() };
}

function trackInFlight(event: EngineEvent, heartbeat: { started: (name: string) => void; finished: (name: string) => void }): void {
  switch (event.kind) {
    case "step-planned":
      if (!event.planning && !isEngineBookkeeping(event.step.type)) heartbeat.started(event.step.name);
      return;
    case "resource-done":
    case "resource-failed":
      heartbeat.finished(event.step.name);
      return;
    case "diagnostic":
    case "summary":
    case "cancelled":
      return;
  }
}
