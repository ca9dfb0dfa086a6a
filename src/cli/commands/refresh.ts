import { Command } from "commander";
import { addOutputFlag } from "../flags";
import type { CliContext } from "../main";
import type * as RunRefresh from "../run-refresh";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";

/** `planton refresh -f ...`: reconcile the state with the cloud and show the drift. */
export function refreshCommand(ctx: CliContext): Command {
  const command = new Command("refresh").description("reconcile the stack's state with the cloud and show what changed outside planton");
  addStackCommandFlags(command, { fromState: true });
  addOutputFlag(command, ["text", "json", "yaml"]);
  return command.action(async (flags: StackCommandFlags & { output: "text" | "json" | "yaml" }, self: Command) => {
    const { runRefresh } = require("../run-refresh") as typeof RunRefresh;
    ctx.exitCode = await runRefresh({ ...toStackCommandOptions(flags, self), output: flags.output }, ctx.io, ctx.engine);
  });
}
