import { Command, Option } from "commander";
import { addOutputFlag, addStackFlags, type StackFlags } from "../flags";
import type { CliContext } from "../main";
import type * as RunImport from "../run-import";
import { toStackFlags } from "../stack-command-flags";

interface ImportFlags extends StackFlags {
  keyId: string;
  name?: string;
  org?: string;
  env?: string;
  out?: string;
  output: "text" | "json";
}

/** `planton import --key-id ID`: adopt an existing key (and its aliases) into a new stack and print its manifest. */
export function importCommand(ctx: CliContext): Command {
  const command = new Command("import")
    .description("adopt an existing KMS key (and its aliases) into a new stack and print the manifest that keeps it as it is")
    .addOption(new Option("--key-id <id>", "the key: key id, key ARN, alias name (alias/...) or alias ARN").makeOptionMandatory())
    .addOption(new Option("--name <name>", "metadata.name of the manifest (default: from the key's alias, else key-<id>)"))
    .addOption(new Option("--org <org>", "metadata.org (names the stack)"))
    .addOption(new Option("--env <env>", "metadata.env (names the stack)"))
    .addOption(new Option("--out <file>", "write the manifest to this new file instead of stdout"));
  addStackFlags(command);
  // The shared --region speaks of manifests; here it says where the key is.
  const region = command.options.find((option) => option.long === "--region");
  if (region !== undefined) region.description = "the key's region (default: the region in an ARN, AWS_REGION, AWS_DEFAULT_REGION)";
  addOutputFlag(command, ["text", "json"]);
  return command.action(async (flags: ImportFlags, self: Command) => {
    const globals = self.optsWithGlobals() as { color?: string; verbose?: boolean };
    const { runImport } = require("../run-import") as typeof RunImport;
    ctx.exitCode = await runImport(
      {
        keyId: flags.keyId,
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.name ? { name: flags.name } : {}),
        ...(flags.org ? { org: flags.org } : {}),
        ...(flags.env ? { env: flags.env } : {}),
        ...(flags.out ? { file: flags.out } : {}),
        stackFlags: toStackFlags(flags),
        output: flags.output,
        ...(globals.color ? { color: globals.color } : {}),
        verbose: globals.verbose === true,
      },
      ctx.io,
      ctx.engine,
    );
  });
}
