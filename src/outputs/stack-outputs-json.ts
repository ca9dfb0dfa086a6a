import { toJson, type JsonObject } from "@bufbuild/protobuf";
import {
  AwsKmsKeyStackOutputsSchema,
  type AwsKmsKeyStackOutputs,
} from "../../gen/project/planton/provider/aws/awskmskey/v1/stack_outputs_pb";

/**
 * The outputs in proto JSON, every field present: `rotationEnabled: false` and an empty
 * `replicaKeyArns` are answers a script wants to read, not noise to omit.
 */
export function stackOutputsJson(outputs: AwsKmsKeyStackOutputs): JsonObject {
  return toJson(AwsKmsKeyStackOutputsSchema, outputs, { alwaysEmitImplicit: true }) as JsonObject;
}
