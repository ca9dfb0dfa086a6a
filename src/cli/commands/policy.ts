import { Command, Option } from "commander";
import { PlantonError } from "../../core/planton-error";
import { addManifestFlags, addRegionFlag, type ManifestFlags, type RegionFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunPolicy from "../run-policy";

/** Raw flags of `planton policy`. */
interface PolicyFlags extends ManifestFlags, RegionFlags {
  accountId?: string;
  partition?: string;
}

/** `planton policy -f FILE`: print the key policy JSON each manifest would deploy. Exit 0, or 1 when invalid. */
export function policyCommand(ctx: CliContext): Command {
  const command = new Command("policy")
    .description(
      "print the key policy JSON the manifests would deploy (one document, or a JSON array for several manifests); " +
        "with --region set to one of the key's replicaRegions, that replica's policy",
    );
  addRegionFlag(command)
    .addOption(new Option("--account-id <id>", "the key's 12-digit AWS account id (default: a ${AWS_ACCOUNT_ID} placeholder)"))
    .addOption(new Option("--partition <partition>", "the AWS partition (default: the region's: aws, aws-cn, aws-us-gov)"));
  addManifestFlags(command);
  return command.action((flags: PolicyFlags, self: Command) => {
    if (flags.accountId !== undefined && !/^[0-9]{12}$/.test(flags.accountId)) {
      throw new PlantonError("usage", `cannot print the key policy: --account-id must be a 12-digit AWS account id (got "${flags.accountId}")`);
    }
    if (flags.partition !== undefined && !/^aws(-[a-z]+)*$/.test(flags.partition)) {
      throw new PlantonError("usage", `cannot print the key policy: --partition must be an AWS partition such as aws, aws-cn or aws-us-gov (got "${flags.partition}")`);
    }
    // Loaded on use so `planton --help` and the other commands do not pay for YAML and protovalidate.
    const { runPolicy } = require("../run-policy") as typeof RunPolicy;
    ctx.exitCode = runPolicy(
      {
        files: flags.filename ?? [],
        set: flags.set,
        region: flags.region,
        accountId: flags.accountId,
        partition: flags.partition,
        color: self.optsWithGlobals().color,
      },
      ctx.io,
    );
  });
}
