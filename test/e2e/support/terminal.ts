import { spawn } from "node:child_process";
import { startedFrom, tracedLauncher, withoutTrace, type LauncherStart } from "../../support/launcher-run";
import type { Sandbox } from "./sandbox";

/** What a run of planton on a pseudo-terminal showed (stdout and stderr together, as a person sees them). */
export interface TerminalRun {
  readonly code: number | null;
  readonly output: string;
  /** Which build bin/planton started (see launcher-run). */
  readonly started: LauncherStart;
  /** True when the confirmation prompt showed. */
  readonly asked: boolean;
}

/** How to run planton at the terminal. */
export interface TerminalOptions {
  /** Typed once the confirmation prompt shows ("yes\r", "no\r", "\x03" for Ctrl-C); nothing when undefined. */
  readonly keys?: string;
  /** Runs once the prompt shows, before `keys` are typed (another run landing meanwhile). */
  readonly beforeKeys?: () => Promise<void>;
  /** Added to the sandbox's environment (e.g. PLANTON_NO_SNAPSHOT=1). */
  readonly env?: Record<string, string>;
}

const PROMPT = "Enter a value:";

/**
 * Runs bin/planton in the sandbox on a real pseudo-terminal (`script`), so stdin and stdout are a
 * terminal as for a person, and types `keys` at the confirmation prompt. The launcher runs under
 * `sh -x`, whose trace says whether node started from the snapshot.
 */
export function runAtTerminal(sandbox: Sandbox, args: readonly string[], options: TerminalOptions = {}): Promise<TerminalRun> {
  const traced = tracedLauncher(args);
  const command = [traced.command, ...traced.args].map(quote).join(" ");
  // script runs the command with $SHELL -c; bash, run as root, would reset the trace's PS4.
  const env = { ...sandbox.env, NO_COLOR: "1", TERM: "xterm", SHELL: "/bin/sh", PLANTON_NO_SNAPSHOT: "", ...options.env, ...traced.env };
  const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: sandbox.dir, env, stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  let asked = false;
  return new Promise((resolve) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!asked && output.includes(PROMPT)) {
        asked = true;
        // readline turns raw mode on as the prompt shows; give it a moment before typing.
        const type = (): void => void (options.keys !== undefined && setTimeout(() => child.stdin.write(options.keys), 300));
        if (options.beforeKeys !== undefined) void options.beforeKeys().then(type);
        else type();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const text = output.replace(/\r\n/g, "\n");
      resolve({ code, output: withoutTrace(text), started: startedFrom(text), asked });
    });
  });
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
