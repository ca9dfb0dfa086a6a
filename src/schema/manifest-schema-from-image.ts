import { createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { manifestSchema } from "./manifest-schema";

/**
 * The text of schema/awskmskey.schema.json from a `buf build` image of proto/ (which, unlike the
 * descriptors in gen/, keeps the comments that become descriptions). Used by
 * scripts/write-schema.mjs and by the test that keeps the committed file fresh.
 */
export function manifestSchemaFromImage(image: Uint8Array): string {
  const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, image));
  const desc = registry.getMessage(AwsKmsKeySchema.typeName);
  if (desc === undefined) throw new Error(`the proto image has no ${AwsKmsKeySchema.typeName}`);
  return `${JSON.stringify(manifestSchema(desc).schema, null, 2)}\n`;
}
