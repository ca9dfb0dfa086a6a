import { Command } from "commander";
import { addConfirmFlag, addOutputFlag, type ConfirmFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunUnlock from "../run-unlock";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";

/** `planton unlock --stack NAME` (or `-f ...`): clear a lock left by a killed run, after confirmation. */
export function unlockCommand(ctx: CliContext): Command {
  const command = new Command("unlock").description("remove a stack's lock left by a killed run (refused while its run is still active on this host)");
  addStackCommandFlags(command, { manifestsOptional: true });
  addConfirmFlag(command);
  addOutputFlag(command, ["text", "json"]);
  return command.action(async (flags: StackCommandFlags & ConfirmFlags & { output: "text" | "json" }, self: Command) => {
    const { runUnlock } = require("../run-unlock") as typeof RunUnlock;
    ctx.exitCode = await runUnlock({ ...toStackCommandOptions(flags, self), yes: flags.yes === true, output: flags.output }, ctx.io, ctx.engine);
  });
}
