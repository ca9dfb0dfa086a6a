import { Command, Option } from "commander";
import { addConfirmFlag, addOutputFlag, type ConfirmFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunRefresh from "../run-refresh";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";
import { refuseManifestFlagsWithoutManifest } from "../unused-flags";

/**
 * `planton refresh -f ...`: show what changed outside planton; write it into the state only when
 * confirmed (`--yes`, or `yes` at a terminal). `--detailed-exitcode`: 0 no drift, 2 drift, 1 error.
 */
export function refreshCommand(ctx: CliContext): Command {
  const command = new Command("refresh").description("show what changed outside planton, and record it in the stack's state once confirmed (--yes off a terminal)");
  addStackCommandFlags(command, { manifestsOptional: true });
  addOutputFlag(command, ["text", "json", "yaml"]);
  addConfirmFlag(command, "record the drift in the state without asking (off a terminal, refresh only reports without it)");
  command.addOption(new Option("--detailed-exitcode", "exit 0 when nothing drifted, 2 when something did, 1 on error"));
  return command.action(async (flags: StackCommandFlags & ConfirmFlags & { output: "text" | "json" | "yaml"; detailedExitcode?: boolean }, self: Command) => {
    refuseManifestFlagsWithoutManifest(self, "refresh", flags);
    const { runRefresh } = require("../run-refresh") as typeof RunRefresh;
    ctx.exitCode = await runRefresh(
      { ...toStackCommandOptions(flags, self), output: flags.output, yes: flags.yes === true, detailedExitcode: flags.detailedExitcode === true },
      ctx.io,
      ctx.engine,
    );
  });
}
