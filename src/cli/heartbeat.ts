/** Timers the heartbeat uses; injectable so tests drive it with fake time. */
export interface HeartbeatClock {
  readonly now: () => number;
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

/** What a heartbeat says and how often. */
export interface HeartbeatOptions {
  /** What is going on, as in `still ‹doing›`: `applying stack payments`. */
  readonly doing: string;
  /** The longest silence allowed, in milliseconds. */
  readonly intervalMs: number;
  /** Receives each heartbeat line, without its newline. */
  readonly write: (line: string) => void;
  readonly clock?: HeartbeatClock;
}

/** A running heartbeat: told about every line printed and every resource started or finished. */
export interface Heartbeat {
  /** Something was printed: the silence starts again. */
  readonly printed: () => void;
  /** The engine started work on a resource. */
  readonly started: (name: string) => void;
  /** The engine finished (or failed) a resource. */
  readonly finished: (name: string) => void;
  readonly stop: () => void;
}

const realClock: HeartbeatClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A heartbeat never keeps the process alive on its own.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Starts a heartbeat: whenever `intervalMs` pass without a printed line, it writes one whole line
 * such as `  still applying stack payments (2m10s elapsed; waiting on key)`, so a CI log shows the
 * run is alive without spinners or redraws.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const clock = options.clock ?? realClock;
  const began = clock.now();
  const waiting = new Set<string>();
  let handle: unknown;
  let stopped = false;
  const arm = (): void => {
    if (handle !== undefined) clock.clearTimeout(handle);
    handle = stopped ? undefined : clock.setTimeout(beat, options.intervalMs);
  };
  const beat = (): void => {
    handle = undefined;
    if (stopped) return;
    const on = waiting.size > 0 ? `; waiting on ${[...waiting].join(", ")}` : "";
    options.write(`  still ${options.doing} (${formatElapsed(clock.now() - began)} elapsed${on})`);
    arm();
  };
  arm();
  return {
    printed: arm,
    started: (name) => void waiting.add(name),
    finished: (name) => void waiting.delete(name),
    stop: () => {
      stopped = true;
      arm();
    },
  };
}

/** `45s`, `2m10s`, `1h02m05s`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h${pad(minutes)}m${pad(seconds)}s`;
  if (minutes > 0) return `${minutes}m${pad(seconds)}s`;
  return `${seconds}s`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The heartbeat interval: PLANTON_HEARTBEAT_SECONDS (a positive number, for tests) or 60 s. */
export function heartbeatIntervalMs(env: Readonly<Record<string, string | undefined>>): number {
  const seconds = Number(env["PLANTON_HEARTBEAT_SECONDS"]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}
