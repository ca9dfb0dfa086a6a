import { Command } from "commander";
import { addManifestFlags, addOutputFlag, addRegionFlag, type ManifestFlags, type RegionFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunValidate from "../run-validate";

/** `planton validate -f ...`: load, apply defaults, validate; print problems. Exit 0 all valid, 1 any invalid. */
export function validateCommand(ctx: CliContext): Command {
  const command = new Command("validate").description("check manifests: load, apply defaults, validate, print every problem");
  addManifestFlags(command);
  addRegionFlag(command);
  addOutputFlag(command, ["text", "json", "yaml"]);
  return command.action((flags: ManifestFlags & RegionFlags & { output: RunValidate.ValidateOptions["output"] }, self: Command) => {
    // Loaded on use so `planton --help` and the other commands do not pay for YAML and protovalidate.
    const { runValidate } = require("../run-validate") as typeof RunValidate;
    ctx.exitCode = runValidate(
      { files: flags.filename ?? [], set: flags.set, region: flags.region, output: flags.output, color: self.optsWithGlobals().color },
      ctx.io,
    );
  });
}
