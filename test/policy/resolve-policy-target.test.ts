import { resolvePolicyTarget } from "../../src/policy/resolve-policy-target";
import { keyWith } from "./keys";

describe("resolvePolicyTarget", () => {
  const multi = keyWith({ region: "us-east-1", multiRegion: true, replicaRegions: ["eu-west-1"] });

  it("is the key's own region, the given account, and the region's partition", () => {
    expect(resolvePolicyTarget(multi, { accountId: "111122223333" })).toEqual({
      target: { accountId: "111122223333", partition: "aws", region: "us-east-1" },
      problems: [],
    });
    expect(resolvePolicyTarget(keyWith({ region: "cn-north-1" }), {}).target?.partition).toBe("aws-cn");
    expect(resolvePolicyTarget(keyWith({ region: "us-gov-west-1" }), {}).target?.partition).toBe("aws-us-gov");
  });

  it("uses placeholders for what is not known offline", () => {
    expect(resolvePolicyTarget(keyWith({}), {}).target).toEqual({ accountId: "${AWS_ACCOUNT_ID}", partition: "aws", region: "${AWS_REGION}" });
  });

  it("takes the region from the defaulted key only: a --region that never became spec.region was refused", () => {
    // applyDefaults copies a valid --region into spec.region; an invalid one is an error of its own.
    expect(resolvePolicyTarget(keyWith({}), { region: "Europe" }).target?.region).toBe("${AWS_REGION}");
  });

  it("is a replica's region when asked for one, and the key's partition still", () => {
    expect(resolvePolicyTarget(multi, { region: "eu-west-1", partition: "aws" }).target?.region).toBe("eu-west-1");
    expect(resolvePolicyTarget(multi, { region: "us-east-1" }).target?.region).toBe("us-east-1");
  });

  it("refuses a region that is neither the key's nor a replica's", () => {
    expect(resolvePolicyTarget(multi, { region: "ap-south-1" })).toEqual({
      problems: [
        { path: "spec.region", severity: "error", message: "--region ap-south-1 is neither the key's region nor one of its replicaRegions (us-east-1, eu-west-1)" },
      ],
    });
  });
});
