import { toStackOutputs } from "../../src/outputs/to-stack-outputs";

const ARN = "arn:aws:kms:us-east-1:123456789012:key/mrk-1234";
const REPLICA_ARN = "arn:aws:kms:eu-west-1:123456789012:key/mrk-1234";

describe("toStackOutputs", () => {
  it("reads the Automation API's { value, secret } map", () => {
    const out = toStackOutputs({
      keyId: { value: "mrk-1234", secret: false },
      keyArn: { value: ARN, secret: false },
      aliasName: { value: "alias/prod/rds-primary", secret: false },
      aliasArn: { value: "arn:aws:kms:us-east-1:123456789012:alias/prod/rds-primary", secret: false },
      rotationEnabled: { value: true, secret: false },
      region: { value: "us-east-1", secret: false },
      replicaKeyArns: { value: { "eu-west-1": REPLICA_ARN }, secret: false },
    });
    expect(out.keyId).toBe("mrk-1234");
    expect(out.keyArn).toBe(ARN);
    expect(out.aliasName).toBe("alias/prod/rds-primary");
    expect(out.aliasArn).toBe("arn:aws:kms:us-east-1:123456789012:alias/prod/rds-primary");
    expect(out.rotationEnabled).toBe(true);
    expect(out.region).toBe("us-east-1");
    expect(out.replicaKeyArns).toEqual({ "eu-west-1": REPLICA_ARN });
  });

  it("reads plain values, as the program returns them", () => {
    const out = toStackOutputs({ keyId: "1234", keyArn: ARN, rotationEnabled: false, replicaKeyArns: {} });
    expect(out.keyId).toBe("1234");
    expect(out.keyArn).toBe(ARN);
    expect(out.rotationEnabled).toBe(false);
    expect(out.replicaKeyArns).toEqual({});
  });

  it("turns missing outputs into empty values instead of failing", () => {
    const out = toStackOutputs({});
    expect(out).toMatchObject({
      keyId: "",
      keyArn: "",
      aliasName: "",
      aliasArn: "",
      rotationEnabled: false,
      region: "",
      replicaKeyArns: {},
    });
  });

  it("drops mistyped entries and keeps the well-typed ones", () => {
    const out = toStackOutputs({
      keyId: { value: 42 },
      region: ["us-east-1"],
      rotationEnabled: { value: "true", secret: false },
      replicaKeyArns: { value: { "eu-west-1": REPLICA_ARN, "us-west-2": 7 } },
    });
    expect(out.keyId).toBe("");
    expect(out.region).toBe("");
    expect(out.rotationEnabled).toBe(true);
    expect(out.replicaKeyArns).toEqual({ "eu-west-1": REPLICA_ARN });
  });

  it("does not mistake a plain object that merely has a value field for an OutputMap entry", () => {
    const out = toStackOutputs({ replicaKeyArns: { value: REPLICA_ARN, "eu-west-1": REPLICA_ARN } });
    expect(out.replicaKeyArns).toEqual({ value: REPLICA_ARN, "eu-west-1": REPLICA_ARN });
  });
});
