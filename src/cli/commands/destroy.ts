import { Command } from "commander";
import { addConfirmFlag, addOutputFlag, type ConfirmFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunDestroy from "../run-destroy";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";
import { refuseManifestFlagsWithoutManifest } from "../unused-flags";

/** `planton destroy -f ...`: schedule the keys' deletion through the engine, after confirmation. */
export function destroyCommand(ctx: CliContext): Command {
  const command = new Command("destroy").description("schedule the stack's keys for deletion (after their deletion window) and remove the aliases");
  addStackCommandFlags(command, { manifestsOptional: true });
  addConfirmFlag(command);
  addOutputFlag(command);
  return command.action(async (flags: StackCommandFlags & ConfirmFlags & { output: "text" | "json" | "yaml" }, self: Command) => {
    refuseManifestFlagsWithoutManifest(self, "destroy", flags);
    const { runDestroy } = require("../run-destroy") as typeof RunDestroy;
    ctx.exitCode = await runDestroy({ ...toStackCommandOptions(flags, self), yes: flags.yes === true, output: flags.output, now: () => new Date() }, ctx.io, ctx.engine);
  });
}
