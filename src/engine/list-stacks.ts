import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { PlantonError } from "../core/planton-error";
import type { StackListing, StackLocation } from "./engine";
import { PROJECT_NAME } from "./project-name";
import { damagedStateError } from "./state-fault";
import { damagedStates } from "./state-files";
import { toPlantonError } from "./to-planton-error";

/** How many stacks' outputs are read at once (each is one Pulumi CLI call). */
const READ_AT_ONCE = 4;

/**
 * The planton stacks in a backend, by name, with their last update, resource count and outputs:
 * `pulumi stack ls` in a throwaway workspace of planton's project, then each stack's outputs
 * (a few at once). A local backend that does not exist yet holds no stack.
 */
export async function listStacks(location: StackLocation): Promise<StackListing[]> {
  const localDir = location.backend.localDir;
  const [damaged] = localDir !== undefined ? damagedStates(localDir) : [];
  if (damaged !== undefined && localDir !== undefined) {
    throw damagedStateError(`cannot list the stacks in ${location.backend.url}: stack ${damaged.stack} cannot be read`, damaged.path, damaged.damage, localDir, damaged.stack);
  }
  const workDir = mkdtempSync(join(tmpdir(), "planton-"));
  try {
    const workspace = await LocalWorkspace.create({
      workDir,
      pulumiCommand: await PulumiCommand.get(),
      envVars: { ...location.envVars },
      projectSettings: { name: PROJECT_NAME, runtime: "nodejs", backend: { url: location.backend.url } },
    });
    const summaries = await workspace.listStacks();
    const listings: StackListing[] = [];
    for (let i = 0; i < summaries.length; i += READ_AT_ONCE) {
      const batch = summaries.slice(i, i + READ_AT_ONCE);
      listings.push(...(await Promise.all(batch.map(async (s) => ({
        name: s.name,
        ...(s.lastUpdate ? { lastUpdate: s.lastUpdate } : {}),
        ...(s.resourceCount !== undefined ? { resourceCount: s.resourceCount } : {}),
        outputs: await workspace.stackOutputs(s.name),
      })))));
    }
    return listings;
  } catch (err) {
    const reason = toPlantonError(err, { verb: "list", stack: "", diagnostics: [], interrupted: false, backendUrl: location.backend.url });
    throw new PlantonError(reason.kind, reason.message.replace(/^cannot list stack : /, `cannot list the stacks in ${location.backend.url}: `), {
      cause: err,
      ...(reason.hint !== undefined ? { hint: reason.hint } : {}),
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
