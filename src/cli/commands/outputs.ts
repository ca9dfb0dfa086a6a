import { Command } from "commander";
import { addOutputFlag } from "../flags";
import type { CliContext } from "../main";
import type * as RunOutputs from "../run-outputs";
import { addStackCommandFlags, toStackCommandOptions, type StackCommandFlags } from "../stack-command-flags";
import { hideFlag, refuseManifestFlagsWithoutManifest, refuseUnusedFlags } from "../unused-flags";

/** `planton outputs -f ...`: print the stack outputs (text, json, yaml); exit 1 when there is no stack. */
export function outputsCommand(ctx: CliContext): Command {
  const command = new Command("outputs").description("print the stack outputs (AwsKmsKeyStackOutputs)");
  addStackCommandFlags(command, { manifestsOptional: true });
  hideFlag(command, "--endpoint-url");
  addOutputFlag(command, ["text", "json", "yaml"]);
  return command.action(async (flags: StackCommandFlags & { output: "text" | "json" | "yaml" }, self: Command) => {
    refuseManifestFlagsWithoutManifest(self, "read the outputs", flags);
    refuseUnusedFlags(self, "read the outputs", flags.endpointUrl !== undefined ? ["--endpoint-url"] : [], "outputs come from the stack's state, without reaching KMS");
    const { runOutputs } = require("../run-outputs") as typeof RunOutputs;
    ctx.exitCode = await runOutputs({ ...toStackCommandOptions(flags, self), output: flags.output }, ctx.io, ctx.engine);
  });
}
