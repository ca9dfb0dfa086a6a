import { mkdirSync } from "node:fs";
import { LocalWorkspace, Stack, type PulumiFn } from "@pulumi/pulumi/automation";
import { PlantonError } from "../core/planton-error";
import type { Backend } from "./backend-url";
import { PROJECT_NAME } from "./project-name";
import { pulumiCli } from "./pulumi-cli";
import { toPlantonError } from "./to-planton-error";
import { makeWorkDir } from "./work-dir";

/** Everything needed to reach one stack. */
export interface OpenStackOptions {
  readonly stack: string;
  readonly backend: Backend;
  /** Variables for the engine (see engineEnvironment). */
  readonly envVars: Readonly<Record<string, string>>;
  /** The inline program; operations that never run it (outputs) may leave it out. */
  readonly program?: PulumiFn;
  /** `create-or-select` for preview and apply; `select` where a missing stack is an answer. */
  readonly mode: "create-or-select" | "select";
}

/** An opened stack and the temporary workspace behind it; `close` removes the workspace. */
export interface StackHandle {
  readonly stack: Stack;
  readonly name: string;
  readonly backendUrl: string;
  /** The throwaway workspace directory (update plans are written there). */
  readonly workDir: string;
  /** A local (file://) backend's directory, where the stack's state file can be read directly. */
  readonly localDir?: string;
  readonly close: () => void;
}

/** Thrown by openStack in `select` mode when the stack does not exist. */
export class NoStackError extends Error {
  constructor(readonly stack: string) {
    super(`no stack named ${stack}`);
    this.name = "NoStackError";
  }
}

const noProgram: PulumiFn = async () => ({});

/**
 * Opens a stack in a throwaway workspace: the project settings and the stack's configuration
 * are written by planton each run, so the user keeps no Pulumi files. The CLI is the `pulumi`
 * on PATH; a local backend's directory is created on first use, readable by its owner only.
 */
export async function openStack(options: OpenStackOptions): Promise<StackHandle> {
  if (options.backend.localDir !== undefined) ensurePrivateDir(options.backend.localDir);
  const { path: workDir, remove: close } = makeWorkDir();
  const failure = { verb: "open", stack: options.stack, diagnostics: [], interrupted: false, backendUrl: options.backend.url };
  try {
    const pulumiCommand = await pulumiCli();
    const workspace = await LocalWorkspace.create({
      workDir,
      pulumiCommand,
      program: options.program ?? noProgram,
      envVars: { ...options.envVars },
      projectSettings: { name: PROJECT_NAME, runtime: "nodejs", backend: { url: options.backend.url } },
    });
    const stack = await selectStack(workspace, options);
    const localDir = options.backend.localDir;
    return { stack, name: options.stack, backendUrl: options.backend.url, workDir, ...(localDir !== undefined ? { localDir } : {}), close };
  } catch (err) {
    close();
    if (err instanceof NoStackError) throw err;
    throw toPlantonError(err, failure);
  }
}

async function selectStack(workspace: LocalWorkspace, options: OpenStackOptions): Promise<Stack> {
  switch (options.mode) {
    case "create-or-select":
      try {
        return await Stack.createOrSelect(options.stack, workspace);
      } catch (err) {
        // Two runs creating the same new stack at once: the slower one finds it created and selects it.
        if (err instanceof Error && (err.name === "StackAlreadyExistsError" || /already exists/.test(err.message))) {
          return Stack.select(options.stack, workspace);
        }
        throw err;
      }
    case "select":
      try {
        return await Stack.select(options.stack, workspace);
      } catch (err) {
        if (err instanceof Error && err.name === "StackNotFoundError") throw new NoStackError(options.stack);
        throw err;
      }
  }
}

function ensurePrivateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PlantonError("usage", `cannot create the state directory ${dir}: ${reason}`, { cause: err });
  }
}
