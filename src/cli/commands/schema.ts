import { readFileSync } from "node:fs";
import { Command } from "commander";
import { PlantonError } from "../../core/planton-error";
import { shippedSchemaPath } from "../../schema/schema-comment";
import { addExitCodesHelp } from "../exit-codes-help";
import type { CliContext } from "../main";

/**
 * `planton schema`: prints the manifests' JSON Schema (draft-07). It prints the file the package
 * ships (schema/awskmskey.schema.json, generated from the protos with their comments), so the
 * command and an editor pointed at the file always see the same schema.
 */
export function schemaCommand(ctx: CliContext): Command {
  const command = new Command("schema")
    .description("print the manifests' JSON Schema (draft-07), for editors and CI")
    .action(() => {
      ctx.io.stdout.write(readShippedSchema(shippedSchemaPath()));
    });
  return addExitCodesHelp(command, "schema");
}

function readShippedSchema(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw new PlantonError("missing-tool", `cannot read the manifest JSON Schema: ${path} is missing`, {
      cause,
      hint: "the installation is incomplete; reinstall planton",
    });
  }
}
