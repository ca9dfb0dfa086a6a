import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
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
  try {
    writeFileSync(resolve(io.cwd, file), `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
  } catch (err) {
    throw new PlantonError("usage", `cannot write plan ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  io.stderr.write(`planton: plan for ${plan.stacks.length} stack${plan.stacks.length === 1 ? "" : "s"} saved to ${file}; apply it with \`planton apply --plan ${file}\`\n`);
  return true;
}
