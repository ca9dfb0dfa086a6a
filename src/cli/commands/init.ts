import { Command, Option } from "commander";
import { PlantonError } from "../../core/planton-error";
import type { CliContext } from "../main";
import type * as ExampleManifest from "../../manifest/example-manifest";
import { isWellFormedName, NAME_RULE } from "../../manifest/resource-name";
import { schemaComment } from "../../schema/schema-comment";

/** `planton init [--name N]`: print a commented, valid example manifest on stdout. */
export function initCommand(ctx: CliContext): Command {
  return new Command("init")
    .description("print a commented example manifest (redirect it to a file: planton init > key.yaml)")
    .addOption(new Option("--name <name>", `metadata.name of the example: ${NAME_RULE}`).default("my-key"))
    .action((flags: { name: string }) => {
      // Checked here so the printed example always validates.
      if (!isWellFormedName(flags.name)) {
        throw new PlantonError("usage", `cannot write the example: --name must be ${NAME_RULE} (got ${JSON.stringify(flags.name)})`);
      }
      const { exampleManifest } = require("../../manifest/example-manifest") as typeof ExampleManifest;
      ctx.io.stdout.write(`${schemaComment(ctx.io.env.PLANTON_SCHEMA_URL || undefined)}\n${exampleManifest(flags.name)}`);
    });
}
