import type { AwsKmsKeyStackOutputs } from "../../gen/project/planton/provider/aws/awskmskey/v1/stack_outputs_pb";
import { renderStackOutputsText } from "../outputs/render-stack-outputs-text";
import { renderStackOutputsYaml } from "../outputs/render-stack-outputs-yaml";
import { stackOutputsJson } from "../outputs/stack-outputs-json";
import type { Io } from "./io";

/** One stack's outputs, labelled with its stack and manifest. */
export interface LabelledOutputs {
  readonly stack: string;
  readonly file: string;
  readonly outputs: AwsKmsKeyStackOutputs;
}

/**
 * Prints stack outputs on stdout: `json` is exactly one document (the StackOutputs object for one
 * stack, an array of them for several), `yaml` one YAML document per stack, `text` aligned lines
 * under a `# stack (file)` heading when there are several stacks.
 */
export function printStackOutputs(io: Io, all: readonly LabelledOutputs[], format: "text" | "json" | "yaml"): void {
  switch (format) {
    case "json": {
      const documents = all.map((o) => stackOutputsJson(o.outputs));
      io.stdout.write(`${JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2)}\n`);
      return;
    }
    case "yaml":
      io.stdout.write(all.map((o) => renderStackOutputsYaml(o.outputs)).join("---\n"));
      return;
    case "text":
      io.stdout.write(
        all.map((o) => (all.length > 1 ? `# ${o.stack} (${o.file})\n` : "") + renderStackOutputsText(o.outputs)).join("\n"),
      );
      return;
  }
}
