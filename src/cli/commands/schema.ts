import { Command } from "commander";
import type * as ShippedSchema from "../../schema/shipped-schema";
import type { CliContext } from "../main";

/**
 * `planton schema`: prints the manifests' JSON Schema (draft-07): the file the package ships
 * (schema/awskmskey.schema.json, generated from the protos with their comments), so the command
 * and an editor pointed at the file always see the same schema.
 */
export function schemaCommand(ctx: CliContext): Command {
  // Its --help gets the exit codes from main.ts, like every command's.
  return new Command("schema")
    .description("print the manifests' JSON Schema (draft-07), for editors and CI")
    .action(() => {
      // Loaded on use: the other commands do not pay for parsing the schema.
      const { shippedSchemaText } = require("../../schema/shipped-schema") as typeof ShippedSchema;
      ctx.io.stdout.write(shippedSchemaText());
    });
}
