import { Command } from "commander";
import { addManifestFlags, addOutputFlag, addStackFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunInventory from "../run-inventory";
import { toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";

/** `planton stacks [-f DIR]`: list the stacks in the backend; with -f, mark the orphaned ones. */
export function stacksCommand(ctx: CliContext): Command {
  const command = new Command("stacks").description("list the stacks in the backend with their key, region and last update; with -f, mark those no manifest claims (orphaned)");
  addManifestFlags(command, { optional: true });
  addStackFlags(command);
  addOutputFlag(command, ["text", "json"]);
  return command.action(async (flags: StackCommandFlags & { output: "text" | "json" }, self: Command) => {
    const { runInventory } = require("../run-inventory") as typeof RunInventory;
    ctx.exitCode = await runInventory({ ...toStackCommandOptions(flags, self), output: flags.output }, ctx.io, ctx.engine);
  });
}
