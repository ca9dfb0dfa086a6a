import { create } from "@bufbuild/protobuf";
import { AwsKmsKeyStackOutputsSchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/stack_outputs_pb";
import { renderStackOutputsText } from "../../src/outputs/render-stack-outputs-text";
import { renderStackOutputsYaml } from "../../src/outputs/render-stack-outputs-yaml";
import { stackOutputsJson } from "../../src/outputs/stack-outputs-json";

// Field names here are both the TS and the JSON names, so one literal builds the message and
// states the expected JSON.
const MULTI_REGION = {
  keyId: "mrk-1234",
  keyArn: "arn:aws:kms:us-east-1:123456789012:key/mrk-1234",
  aliasName: "alias/prod/rds-primary",
  aliasArn: "arn:aws:kms:us-east-1:123456789012:alias/prod/rds-primary",
  rotationEnabled: true,
  region: "us-east-1",
  replicaKeyArns: {
    "us-west-2": "arn:aws:kms:us-west-2:123456789012:key/mrk-1234",
    "eu-west-1": "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234",
  },
};
const multiRegion = create(AwsKmsKeyStackOutputsSchema, MULTI_REGION);

const signingKey = create(AwsKmsKeyStackOutputsSchema, {
  keyId: "1234",
  keyArn: "arn:aws:kms:us-east-1:123456789012:key/1234",
  aliasName: "alias/signing",
  aliasArn: "arn:aws:kms:us-east-1:123456789012:alias/signing",
  rotationEnabled: false,
  region: "us-east-1",
});

describe("stackOutputsJson", () => {
  it("uses the proto JSON names", () => {
    expect(stackOutputsJson(multiRegion)).toEqual(MULTI_REGION);
  });

  it("prints rotationEnabled: false and an empty replicaKeyArns instead of omitting them", () => {
    const json = stackOutputsJson(signingKey);
    expect(json["rotationEnabled"]).toBe(false);
    expect(json["replicaKeyArns"]).toEqual({});
  });
});

describe("renderStackOutputsYaml", () => {
  it("renders the same document as YAML", () => {
    expect(renderStackOutputsYaml(signingKey)).toBe(
      [
        "keyId: \"1234\"",
        "keyArn: arn:aws:kms:us-east-1:123456789012:key/1234",
        "aliasName: alias/signing",
        "aliasArn: arn:aws:kms:us-east-1:123456789012:alias/signing",
        "rotationEnabled: false",
        "region: us-east-1",
        "replicaKeyArns: {}",
        "",
      ].join("\n"),
    );
  });
});

describe("renderStackOutputsText", () => {
  it("aligns one line per output and one per replica, sorted by region", () => {
    expect(renderStackOutputsText(multiRegion)).toBe(
      [
        "keyId                     mrk-1234",
        "keyArn                    arn:aws:kms:us-east-1:123456789012:key/mrk-1234",
        "aliasName                 alias/prod/rds-primary",
        "aliasArn                  arn:aws:kms:us-east-1:123456789012:alias/prod/rds-primary",
        "rotationEnabled           true",
        "region                    us-east-1",
        "replicaKeyArns.eu-west-1  arn:aws:kms:eu-west-1:123456789012:key/mrk-1234",
        "replicaKeyArns.us-west-2  arn:aws:kms:us-west-2:123456789012:key/mrk-1234",
        "",
      ].join("\n"),
    );
  });

  it("says (none) for no replicas and - for an empty value", () => {
    const text = renderStackOutputsText(create(AwsKmsKeyStackOutputsSchema, { ...signingKey, aliasArn: "" }));
    expect(text).toBe(
      [
        "keyId            1234",
        "keyArn           arn:aws:kms:us-east-1:123456789012:key/1234",
        "aliasName        alias/signing",
        "aliasArn         -",
        "rotationEnabled  false",
        "region           us-east-1",
        "replicaKeyArns   (none)",
        "",
      ].join("\n"),
    );
  });
});
