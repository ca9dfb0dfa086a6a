import { createRegistry } from "@bufbuild/protobuf";
import { createValidator, type Validator } from "@bufbuild/protovalidate";
import { file_project_planton_provider_aws_awskmskey_v1_rules } from "../../gen/project/planton/provider/aws/awskmskey/v1/rules_pb";

let shared: Validator | undefined;

/**
 * The one protovalidate validator, with planton's predefined rules registered. Created on first
 * use and kept: it caches each message type's compiled rules, so validating 300 manifests costs
 * one compilation (and bin/planton's startup snapshot holds it already compiled).
 */
export function manifestValidator(): Validator {
  if (shared) return shared;
  shared = createValidator({ registry: createRegistry(file_project_planton_provider_aws_awskmskey_v1_rules) });
  return shared;
}
