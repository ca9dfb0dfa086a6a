import { spawnSync, type ChildProcess } from "node:child_process";
import { collect, type RunResult } from "./sandbox";

/**
 * The pid of the Pulumi CLI a planton process runs now, or undefined when it runs none (not yet,
 * or no more: ps then lists nothing and exits 1).
 */
export function findPulumiChild(pid: number): number | undefined {
  const children = spawnSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)], { encoding: "utf8" }).stdout;
  const line = children.split("\n").find((l) => /\bpulumi$/.test(l.trim()));
  return line === undefined ? undefined : Number(line.trim().split(/\s+/)[0]);
}

/** The pid of the Pulumi CLI a planton process started; fails when it runs none. */
export function pulumiChildOf(pid: number): number {
  const engine = findPulumiChild(pid);
  if (engine === undefined) throw new Error(`planton ${pid} has no pulumi child`);
  return engine;
}

/** Resolves when `text` shows up on the child's stderr. */
export function waitForStderr(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = "";
    child.stderr?.on("data", (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) resolve();
    });
  });
}

/**
 * Races two runs on one stack with a fixed outcome: waits until `first` (a planton apply just
 * spawned) is creating a key, freezes its engine there, so it holds the stack's lock, runs
 * `second` to completion, then thaws `first` and waits for it.
 */
export async function raceOnLock(first: ChildProcess, second: () => Promise<RunResult>): Promise<{ first: RunResult; second: RunResult }> {
  const firstDone = collect(first);
  await waitForStderr(first, "creating key");
  const engine = pulumiChildOf(first.pid!);
  process.kill(engine, "SIGSTOP");
  let secondResult: RunResult;
  try {
    secondResult = await second();
  } finally {
    process.kill(engine, "SIGCONT");
  }
  return { first: await firstDone, second: secondResult };
}
