import { create } from "@bufbuild/protobuf";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { keyTags } from "../../src/defaults/key-tags";

describe("keyTags", () => {
  it("adds planton's identity tags after the manifest's, so a manifest cannot disguise a key", () => {
    const key = create(AwsKmsKeySchema, {
      metadata: { name: "orders", org: "acme" },
      spec: { tags: { "planton:name": "other", CostCenter: "1234" } },
    });
    expect(keyTags(key)).toEqual({
      CostCenter: "1234",
      "planton:name": "orders",
      "planton:org": "acme",
      "planton:kind": "AwsKmsKey",
    });
  });

  it("leaves out org and env tags when metadata has none", () => {
    const key = create(AwsKmsKeySchema, { metadata: { name: "orders" }, spec: {} });
    expect(Object.keys(keyTags(key))).toEqual(["planton:name", "planton:kind"]);
  });
});
