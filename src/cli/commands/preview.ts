import { Command, Option } from "commander";
import { addOutputFlag, addRefreshFlag, addSafetyFlags, type RefreshFlags, type SafetyFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunPreview from "../run-preview";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";

/** `planton preview -f ...`: the planned changes per stack; `--detailed-exitcode` 0 none, 2 changes, 1 error. */
export function previewCommand(ctx: CliContext): Command {
  const command = new Command("preview").description("show the changes apply would make, resource by resource and property by property");
  addStackCommandFlags(command);
  addOutputFlag(command, ["text", "json", "markdown"]);
  addSafetyFlags(command);
  addRefreshFlag(command);
  command.addOption(new Option("--detailed-exitcode", "exit 0 when nothing would change, 2 when something would, 1 on error"));
  command.addOption(new Option("--no-step-summary", "do not append the markdown plan to the GitHub Actions job summary (GITHUB_STEP_SUMMARY)"));
  return command.action(async (flags: StackCommandFlags & SafetyFlags & RefreshFlags & { output: "text" | "json" | "markdown"; detailedExitcode?: boolean; stepSummary: boolean }, self: Command) => {
    // Loaded on use: only the engine commands pay for the Pulumi SDK.
    const { runPreview } = require("../run-preview") as typeof RunPreview;
    ctx.exitCode = await runPreview(
      {
        ...toStackCommandOptions(flags, self),
        output: flags.output,
        detailedExitcode: flags.detailedExitcode === true,
        allowReplace: flags.allowReplace === true,
        allowBroadening: flags.allowBroadening === true,
        stepSummary: flags.stepSummary,
        refresh: flags.refresh,
      },
      ctx.io,
      ctx.engine,
    );
  });
}
