import { mkdirSync } from "node:fs";
import { LocalWorkspace, Stack, type PulumiFn } from "@pulumi/pulumi/automation";
import { PlantonError } from "../core/planton-error";
import type { Backend } from "./backend-url";
import { PROJECT_NAME } from "./project-name";
import { damagedStateError } from "./state-fault";
import { stateDamage, stateFilePath } from "./state-files";
import { watchStateWrites } from "./state-writes";
import { pulumiCli } from "./pulumi-cli";
import { toPlantonError } from "./to-planton-error";
import { makeWorkDir } from "./work-dir";

/** Everything needed to reach one stack. */
export interface OpenStackOptions {
  readonly stack: string;
  readonly backend: Backend;
  /** Variables for the engine (see engineEnvironment). */
  readonly envVars: Readonly<Record<string, string>>;
  /** The inline program; operations that never run it (outputs) leave it out, and then destroy and refresh use the state's providers. */
  readonly program?: PulumiFn;
  /** `create-or-select` for preview and apply; `select` where a missing stack is an answer. */
  readonly mode: "create-or-select" | "select";
  /** What the command does to the stack, for a damaged state (default `open`). */
  readonly verb?: string;
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
  /** True when opened with a program: every operation runs it (see runOperation). */
  readonly runsProgram: boolean;
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
  const localDir = options.backend.localDir;
  if (localDir !== undefined) {
    ensurePrivateDir(localDir);
    refuseDamagedState(localDir, options.stack, options.verb ?? "open");
  }
  const { path: workDir, remove: close } = makeWorkDir();
  const failure = { verb: "open", stack: options.stack, diagnostics: [], interrupted: false, backendUrl: options.backend.url };
  // Opening creates a new stack's state file: a write that fails must not leave it half-written.
  const writes = localDir !== undefined ? watchStateWrites(localDir, options.stack) : undefined;
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
    return { stack, name: options.stack, backendUrl: options.backend.url, workDir, runsProgram: options.program !== undefined, ...(localDir !== undefined ? { localDir } : {}), close };
  } catch (err) {
    close();
    if (err instanceof NoStackError) throw err;
    throw toPlantonError(err, { ...failure, repaired: writes?.repair() ?? [] });
  } finally {
    writes?.close();
  }
}

/**
 * A file backend's stack whose state file does not read as a state (truncated, garbled) fails
 * here, before the engine runs, naming the file, its newest readable backup and the restore command.
 */
function refuseDamagedState(localDir: string, stack: string, verb: string): void {
  const file = stateFilePath(localDir, stack);
  const damage = stateDamage(file);
  if (damage !== undefined) throw damagedStateError(`cannot ${verb} stack ${stack}`, file, damage, localDir, stack);
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
