import { spawn, type ChildProcess } from "node:child_process";
import type { PulumiCommand } from "@pulumi/pulumi/automation";

// The SDK's own result and error shapes, so the rest of the engine reads failures as it always did.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CommandResult } = require("@pulumi/pulumi/automation/cmd") as { CommandResult: new (stdout: string, stderr: string, code: number, err?: Error) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createCommandError } = require("@pulumi/pulumi/automation/errors") as { createCommandError: (result: unknown) => Error };

/** The SDK's internal `run` (marked @internal, so missing from its typings). */
type Run = (
  args: string[],
  cwd: string,
  additionalEnv: Record<string, string>,
  onOutput?: (data: string) => void,
  onError?: (data: string) => void,
  signal?: AbortSignal,
) => Promise<unknown>;

/** Pulumi CLIs running now; planton's exit terminates them (see the exit hook below). */
const running = new Set<ChildProcess>();

process.on("exit", () => {
  // Two interrupts make the Pulumi CLI terminate at once, stopping its provider plugins with it.
  for (const child of running) {
    child.kill("SIGINT");
    child.kill("SIGINT");
  }
});

/**
 * The Pulumi CLI run in its own process group. A CI runner cancels a job by signalling the
 * whole process group: the CLI and its provider plugins would each get the signal and the
 * plugins die mid-call, leaving pending creates. In their own group only planton hears it, and
 * planton asks the CLI to stop gracefully (one SIGINT through the operation's abort signal).
 */
export function detachedPulumi(cli: PulumiCommand): PulumiCommand {
  const run: Run = (args, cwd, additionalEnv, onOutput, onError, signal) => {
    // What the SDK's own run does: never prompt, prefer plugins beside the CLI, mark automation.
    const fullArgs = args.includes("--non-interactive") ? args : [...args, "--non-interactive"];
    const path = cli.command.startsWith("/") ? `${cli.command.replace(/\/[^/]*$/, "")}:${additionalEnv["PATH"] ?? process.env["PATH"] ?? ""}` : undefined;
    const env = { ...process.env, ...additionalEnv, ...(path !== undefined ? { PATH: path } : {}), PULUMI_AUTOMATION_API: "true" };
    return new Promise((resolve, reject) => {
      const child = spawn(cli.command, fullArgs, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      running.add(child);
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => ((stdout += d), onOutput?.(d)));
      child.stderr.setEncoding("utf8").on("data", (d: string) => ((stderr += d), onError?.(d)));
      const abort = (): void => void child.kill("SIGINT");
      signal?.addEventListener("abort", abort, { once: true });
      // Interrupted before this operation started (while its stack was being opened): stop it at once.
      if (signal?.aborted === true) abort();
      let finished = false;
      const finish = (code: number, err?: Error): void => {
        if (finished) return;
        finished = true;
        running.delete(child);
        signal?.removeEventListener("abort", abort);
        const result = new CommandResult(stdout, err?.message ?? stderr, code, err) as { code: number };
        if (code === 0) resolve(result);
        else reject(createCommandError(result));
      };
      child.on("error", (err) => finish(-2, err));
      child.on("close", (code) => finish(code ?? -2));
    });
  };
  return Object.assign(Object.create(Object.getPrototypeOf(cli) as object) as PulumiCommand, cli, { run });
}
