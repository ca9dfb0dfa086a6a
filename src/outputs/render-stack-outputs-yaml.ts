import { stringify } from "yaml";
import type { AwsKmsKeyStackOutputs } from "../../gen/project/planton/provider/aws/awskmskey/v1/stack_outputs_pb";
import { stackOutputsJson } from "./stack-outputs-json";

/** `--output yaml`: the same document as YAML. */
export function renderStackOutputsYaml(outputs: AwsKmsKeyStackOutputs): string {
  return stringify(stackOutputsJson(outputs));
}
