import { Command, Option } from "commander";
import { PlantonError } from "../../core/planton-error";
import { addConfirmFlag, addOutputFlag, addRefreshFlag, addSafetyFlags, type ConfirmFlags, type RefreshFlags, type SafetyFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunApply from "../run-apply";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";

/** `planton apply -f ...`: preview, confirm, deploy, print the outputs. */
export function applyCommand(ctx: CliContext): Command {
  const command = new Command("apply").description("preview, confirm (--yes off a terminal), deploy, and print the stack outputs");
  addStackCommandFlags(command, { manifestsOptional: true });
  command.addOption(new Option("--plan <file>", "apply exactly the plan `preview --out` saved, instead of -f (no confirmation: the plan is what was reviewed)"));
  addOutputFlag(command, ["text", "json", "yaml"]);
  addConfirmFlag(command);
  addSafetyFlags(command);
  addRefreshFlag(command);
  return command.action(async (flags: StackCommandFlags & ConfirmFlags & SafetyFlags & RefreshFlags & { output: "text" | "json" | "yaml"; plan?: string }, self: Command) => {
    checkPlanFlags(flags);
    const { runApply } = require("../run-apply") as typeof RunApply;
    ctx.exitCode = await runApply(
      {
        ...toStackCommandOptions(flags, self),
        output: flags.output,
        yes: flags.yes === true,
        allowReplace: flags.allowReplace === true,
        allowBroadening: flags.allowBroadening === true,
        refresh: flags.refresh,
        ...(flags.plan !== undefined ? { plan: flags.plan } : {}),
      },
      ctx.io,
      ctx.engine,
    );
  });
}

/** `--plan` replaces the manifest flags and the safety overrides (the plan records its own) and always reads the live key; one of `-f`/`--plan` is needed. */
function checkPlanFlags(flags: StackCommandFlags & SafetyFlags & RefreshFlags & { plan?: string }): void {
  if (flags.plan === undefined) {
    if ((flags.filename ?? []).length === 0) throw new PlantonError("usage", "cannot apply: pass -f with a manifest, or --plan with a plan saved by `planton preview --out`");
    return;
  }
  const clashing = [
    ...((flags.filename ?? []).length > 0 ? ["-f"] : []),
    ...((flags.set ?? []).length > 0 ? ["--set"] : []),
    ...(flags.region !== undefined ? ["--region"] : []),
    ...(flags.stack !== undefined ? ["--stack"] : []),
    ...(flags.allowReplace === true ? ["--allow-replace"] : []),
    ...(flags.allowBroadening === true ? ["--allow-broadening"] : []),
    // The live key is read again before a saved plan applies: that read is the drift check.
    ...(flags.refresh === false ? ["--no-refresh"] : []),
  ];
  if (clashing.length > 0) {
    throw new PlantonError("usage", `cannot apply: --plan applies the saved plan as it is; drop ${clashing.join(", ")}`, {
      hint: "the plan holds the resolved manifests and the overrides its preview was given; change them by previewing again with --out",
    });
  }
}
