import { Command } from "commander";
import { addConfirmFlag, addOutputFlag, addRefreshFlag, addSafetyFlags, type ConfirmFlags, type RefreshFlags, type SafetyFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunApply from "../run-apply";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";

/** `planton apply -f ...`: preview, confirm, deploy, print the outputs. */
export function applyCommand(ctx: CliContext): Command {
  const command = new Command("apply").description("preview, confirm (--yes off a terminal), deploy, and print the stack outputs");
  addStackCommandFlags(command);
  addOutputFlag(command, ["text", "json", "yaml"]);
  addConfirmFlag(command);
  addSafetyFlags(command);
  addRefreshFlag(command);
  return command.action(async (flags: StackCommandFlags & ConfirmFlags & SafetyFlags & RefreshFlags & { output: "text" | "json" | "yaml" }, self: Command) => {
    const { runApply } = require("../run-apply") as typeof RunApply;
    ctx.exitCode = await runApply(
      { ...toStackCommandOptions(flags, self), output: flags.output, yes: flags.yes === true, allowReplace: flags.allowReplace === true, allowBroadening: flags.allowBroadening === true, refresh: flags.refresh },
      ctx.io,
      ctx.engine,
    );
  });
}
