import { Command } from "commander";
import type * as ShippedSchema from "../../schema/shipped-schema";
import { addExitCodesHelp } from "../exit-codes-help";
import type { CliContext } from "../main";

/**
 * `planton schema`: prints the manifests' JSON Schema (draft-07): the file the package ships
 * (schema/awskmskey.schema.json, generated from the protos with their comments), so the command
 * and an editor pointed at the file always see the same schema.
 */
export function schemaCommand(ctx: CliContext): Command {
  const command = new Command("schema")
    .description("print the manifests' JSON Schema (draft-07), for editors and CI")
    .action(() => {
      // Loaded on use: the other commands do not pay for parsing the schema.
      const { shippedSchemaText } = require("../../schema/shipped-schema") as typeof ShippedSchema;
      ctx.io.stdout.write(shippedSchemaText());
    });
  return addExitCodesHelp(command, "schema");
}
