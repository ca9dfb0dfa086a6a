import { randomUUID } from "node:crypto";
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { PlantonError } from "../core/planton-error";
import type { StackPlan } from "../stack/preview-stack";
import type { StacksRun } from "../stack/run-stacks";
import { savedPlan } from "../stack/saved-plan";
import type { Io } from "./io";

/**
 * `preview --out FILE`: writes the run's saved plan (owner-only, like a state file), or says on
 * stderr why there is none (a stack's preview failed); returns false then, and the preview fails.
 */
export function writeSavedPlan(io: Io, file: string, run: StacksRun<StackPlan>, overrides: { allowReplace: boolean; allowBroadening: boolean }): boolean {
  const plan = run.results.length > 0 ? savedPlan(run, { id: randomUUID(), createdAt: new Date().toISOString(), ...overrides }) : undefined;
  if (plan === undefined) {
    io.stderr.write(`error: cannot write plan ${file}: not every stack has a plan (see above); nothing was written\n`);
    return false;
  }
  // Written beside and renamed into place: a full disk leaves no empty or half-written plan file.
  const path = resolve(io.cwd, file);
  const staged = `${path}.${randomUUID()}.tmp`;
  try {
    writeFileSync(staged, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
    renameSync(staged, path);
  } catch (err) {
    rmSync(staged, { force: true });
    const reason = (err as NodeJS.ErrnoException).code === "ENOSPC" ? "no space left on the device" : err instanceof Error ? err.message : String(err);
    throw new PlantonError("usage", `cannot write plan ${file}: ${reason}; nothing was written`, { cause: err });
  }
  io.stderr.write(`planton: plan for ${plan.stacks.length} stack${plan.stacks.length === 1 ? "" : "s"} saved to ${file}; apply it with \`planton apply --plan ${file}\`\n`);
  return true;
}
