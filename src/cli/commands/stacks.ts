import { Command } from "commander";
import { addManifestFlags, addOutputFlag, addStackFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunInventory from "../run-inventory";
import { toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";
import { hideFlag, refuseManifestFlagsWithoutManifest, refuseUnusedFlags } from "../unused-flags";

/** `planton stacks [-f DIR]`: list the stacks in the backend; with -f, mark the orphaned ones. */
export function stacksCommand(ctx: CliContext): Command {
  const command = new Command("stacks").description("list the stacks in the backend with their key, region and last update; with -f, mark those no manifest claims (orphaned)");
  addManifestFlags(command, { optional: true });
  addStackFlags(command);
  // The shared stack flags name one stack and its KMS endpoint: a listing of the backend uses neither.
  hideFlag(command, "--stack");
  hideFlag(command, "--endpoint-url");
  addOutputFlag(command, ["text", "json"]);
  return command.action(async (flags: StackCommandFlags & { output: "text" | "json" }, self: Command) => {
    refuseUnusedFlags(self, "list the stacks", [...(flags.stack !== undefined ? ["--stack"] : []), ...(flags.endpointUrl !== undefined ? ["--endpoint-url"] : [])], "it lists every stack in the backend from the state alone, without reaching KMS");
    refuseManifestFlagsWithoutManifest(self, "list the stacks", flags);
    const { runInventory } = require("../run-inventory") as typeof RunInventory;
    ctx.exitCode = await runInventory({ ...toStackCommandOptions(flags, self), output: flags.output }, ctx.io, ctx.engine);
  });
}
