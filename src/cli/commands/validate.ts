import { Command, Option } from "commander";
import { addManifestFlags, addOutputFlag, type ManifestFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunValidate from "../run-validate";

/** `planton validate -f ...`: load, apply defaults, validate; print problems. Exit 0 all valid, 1 any invalid. */
export function validateCommand(ctx: CliContext): Command {
  const command = new Command("validate").description("check manifests: load, apply defaults, validate, print every problem");
  addManifestFlags(command);
  command.addOption(new Option("--region <region>", "AWS region when the manifest has none (default: AWS_REGION, AWS_DEFAULT_REGION)"));
  addOutputFlag(command, ["text", "json"]);
  return command.action((flags: ManifestFlags & { region?: string; output: "text" | "json" }, self: Command) => {
    // Loaded on use so `planton --help` and the other commands do not pay for YAML and protovalidate.
    const { runValidate } = require("../run-validate") as typeof RunValidate;
    ctx.exitCode = runValidate(
      { files: flags.filename ?? [], set: flags.set, region: flags.region, output: flags.output, color: self.optsWithGlobals().color },
      ctx.io,
    );
  });
}
