import { Command } from "commander";
import { addOutputFlag } from "../flags";
import type { CliContext } from "../main";
import type * as RunOutputs from "../run-outputs";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";

/** `planton outputs -f ...`: print the stack outputs (text, json, yaml); exit 1 when there is no stack. */
export function outputsCommand(ctx: CliContext): Command {
  const command = new Command("outputs").description("print the stack outputs (AwsKmsKeyStackOutputs)");
  addStackCommandFlags(command, { manifestsOptional: true });
  addOutputFlag(command, ["text", "json", "yaml"]);
  return command.action(async (flags: StackCommandFlags & { output: "text" | "json" | "yaml" }, self: Command) => {
    const { runOutputs } = require("../run-outputs") as typeof RunOutputs;
    ctx.exitCode = await runOutputs({ ...toStackCommandOptions(flags, self), output: flags.output }, ctx.io, ctx.engine);
  });
}
