import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { PlantonError } from "../core/planton-error";
import type { ListStacksOptions, StackListing, StackLocation } from "./engine";
import { PROJECT_NAME } from "./project-name";
import { damagedStateError } from "./state-fault";
import { damagedStates } from "./state-files";
import { pulumiCli } from "./pulumi-cli";
import { toPlantonError } from "./to-planton-error";
import { makeWorkDir } from "./work-dir";

/** How many stacks' outputs are read at once (each read is two Pulumi CLI runs: masked, then with secrets). */
const READ_AT_ONCE = 4;

/**
 * The planton stacks in a backend, by name, with their last update, resource count and outputs:
 * `pulumi stack ls` in a throwaway workspace of planton's project, then the outputs of each stack
 * `outputsOf` asks for (a few at once; each is two CLI runs). A local backend that does not exist
 * yet holds no stack.
 */
export async function listStacks(location: StackLocation, options: ListStacksOptions = {}): Promise<StackListing[]> {
  const localDir = location.backend.localDir;
  const [damaged] = localDir !== undefined ? damagedStates(localDir) : [];
  if (damaged !== undefined && localDir !== undefined) {
    throw damagedStateError(`cannot list the stacks in ${location.backend.url}: stack ${damaged.stack} cannot be read`, damaged.path, damaged.damage, localDir, damaged.stack);
  }
  const { path: workDir, remove } = makeWorkDir();
  const outputsOf = options.outputsOf ?? (() => true);
  try {
    const workspace = await LocalWorkspace.create({
      workDir,
      pulumiCommand: await pulumiCli(),
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
        outputs: outputsOf(s.name) ? await workspace.stackOutputs(s.name) : {},
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
    remove();
  }
}
