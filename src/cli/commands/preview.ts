import { Command, Option } from "commander";
import { PlantonError } from "../../core/planton-error";
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
  command.addOption(new Option("--out <file>", "also save the plan to this file, for `planton apply --plan` (no secret values in it)"));
  command.addOption(new Option("--no-step-summary", "do not append the markdown plan to the GitHub Actions job summary (GITHUB_STEP_SUMMARY)"));
  return command.action(async (flags: StackCommandFlags & SafetyFlags & RefreshFlags & { output: "text" | "json" | "markdown"; detailedExitcode?: boolean; stepSummary: boolean; out?: string }, self: Command) => {
    // A saved plan is bound to the live key its preview read (apply --plan reads it again to compare).
    if (flags.out !== undefined && !flags.refresh) {
      throw new PlantonError("usage", "cannot preview: --out saves a plan made from the live resources; drop --no-refresh", {
        hint: "apply --plan reads the live key again and compares it with what the saved preview read",
      });
    }
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
        ...(flags.out !== undefined ? { out: flags.out } : {}),
      },
      ctx.io,
      ctx.engine,
    );
  });
}
