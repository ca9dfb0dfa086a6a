import { spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { collect, type RunResult } from "./sandbox";

/**
 * A process as found at one moment: its pid, its parent and its start time (clock ticks since
 * boot, /proc/<pid>/stat field 22). Pids wrap (pid_max is 32768 here), so a pid alone may name
 * an unrelated process by the time it is signalled; pid, parent and start time together do not.
 */
export interface ProcessRef {
  readonly pid: number;
  readonly parent: number;
  readonly start: string;
}

/** The parent and start time of `pid` now; undefined when no such process runs (or it is a zombie). */
function statOf(pid: number): { parent: number; start: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: the fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z") return undefined;
  return { parent: Number(fields[1]), start: fields[19]! };
}

/**
 * The Pulumi CLI a planton process runs now, or undefined when it runs none (not yet, or no
 * more: ps then lists nothing and exits 1).
 */
export function findPulumiChild(pid: number): ProcessRef | undefined {
  const children = spawnSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)], { encoding: "utf8" }).stdout;
  const line = children.split("\n").find((l) => /\bpulumi$/.test(l.trim()));
  if (line === undefined) return undefined;
  const child = Number(line.trim().split(/\s+/)[0]);
  const stat = statOf(child);
  return stat === undefined || stat.parent !== pid ? undefined : { pid: child, ...stat };
}

/** The Pulumi CLI a planton process started; fails when it runs none. */
export function pulumiChildOf(pid: number): ProcessRef {
  const engine = findPulumiChild(pid);
  if (engine === undefined) throw new Error(`planton ${pid} has no pulumi child`);
  return engine;
}

/**
 * Sends `signal` to the process (`group`: to the process group it leads) only while its pid
 * still names the same process, the same parent's child started at the same moment, checked
 * right before the signal. Returns false, signalling nothing, when that process is gone.
 */
export function signalProcess(ref: ProcessRef, signal: NodeJS.Signals, { group = false }: { group?: boolean } = {}): boolean {
  const now = statOf(ref.pid);
  if (now === undefined || now.start !== ref.start || now.parent !== ref.parent) return false;
  try {
    process.kill(group ? -ref.pid : ref.pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw err;
  }
}

/**
 * Signals a child this test spawned (`group`: its process group) unless it has exited: once
 * node has reaped it, its pid is free for any other process.
 */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals, { group = false }: { group?: boolean } = {}): boolean {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return false;
  try {
    process.kill(group ? -child.pid : child.pid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw err;
  }
}

/**
 * The processes (not zombies) whose environment holds `marker` (`NAME=value`): every descendant
 * of a run started with it, the Pulumi CLI and its plugins included, wherever they were
 * reparented to. Each as `pid command line`.
 */
export function processesWithEnv(marker: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    const pid = Number(entry);
    if (pid === process.pid || statOf(pid) === undefined) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(marker)) continue;
      found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim()}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
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
  if (!signalProcess(engine, "SIGSTOP")) throw new Error(`the engine of planton ${first.pid} ended before it could be frozen`);
  let secondResult: RunResult;
  try {
    secondResult = await second();
  } finally {
    signalProcess(engine, "SIGCONT");
  }
  return { first: await firstDone, second: secondResult };
}
