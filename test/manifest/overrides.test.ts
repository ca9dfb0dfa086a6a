import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { applyOverrides } from "../../src/manifest/apply-overrides";
import { parseOverrides } from "../../src/manifest/parse-overrides";
import { specProblems } from "../validate/manifest-problems";

const parse = (...args: string[]) => parseOverrides(args, AwsKmsKeySchema);
const problems = (...args: string[]) => parse(...args).problems.map((p) => `${p.file}: ${p.path}: ${p.message}`);

describe("--set", () => {
  it("types values by the schema", () => {
    const { overrides, problems: found } = parse(
      "spec.deletionWindowDays=14",
      "spec.multiRegion=true",
      "spec.keySpec=RSA_2048",
      "spec.description=a=b",
      "spec.replicaRegions[0]=eu-west-1",
      "spec.tags.app.kubernetes.io/name=x",
      "spec.policy.usageRoles[0]=arn:aws:iam::123456789012:role/x",
    );
    expect(found).toEqual([]);
    expect(overrides.map((o) => o.value)).toEqual([14, true, "RSA_2048", "a=b", "eu-west-1", "x", "arn:aws:iam::123456789012:role/x"]);
    const positions = new Map();
    const { value } = applyOverrides({ spec: { replicaRegions: ["us-west-2"] } }, overrides, positions);
    expect(value).toEqual({
      spec: {
        deletionWindowDays: 14,
        multiRegion: true,
        keySpec: "RSA_2048",
        description: "a=b",
        replicaRegions: ["eu-west-1"],
        tags: { "app.kubernetes.io/name": "x" },
        policy: { usageRoles: ["arn:aws:iam::123456789012:role/x"] },
      },
    });
    expect(positions.get("spec.deletionWindowDays")).toEqual({ file: "--set" });
  });

  it("refuses unknown paths with a hint, wrong types and whole objects or lists", () => {
    expect(problems("spec.deletionWindow=7", "spec.deletionWindowDays=x", "spec.enabled=yes", "spec.keySpec=rsa", "spec.replicaRegions=eu-west-1", "spec=1", "spec.tags", "nonsense")).toEqual([
      '--set: spec.deletionWindow: unknown field "deletionWindow" in spec (did you mean "deletionWindowDays"?)',
      '--set: spec.deletionWindowDays: must be an integer (got "x")',
      '--set: spec.enabled: must be true or false (got "yes")',
      expect.stringContaining('--set: spec.keySpec: must be one of SYMMETRIC_DEFAULT'),
      "--set: spec.replicaRegions: is a list: set one item, e.g. spec.replicaRegions[0]=VALUE",
      "--set: spec: is an object: set one of its fields, e.g. spec.region=VALUE",
      '--set: : must be path=value, e.g. spec.deletionWindowDays=14 (got "spec.tags")',
      '--set: : must be path=value, e.g. spec.deletionWindowDays=14 (got "nonsense")',
    ]);
  });

  it("refuses an index past the end of the list", () => {
    const { value, problems: found } = applyOverrides({ spec: {} }, parse("spec.replicaRegions[1]=eu-west-1").overrides, new Map());
    expect(found.map((p) => p.message)).toEqual(["index 1 is past the end of the list (it has 0 items; [0] adds one)"]);
    expect(value).toEqual({ spec: { replicaRegions: [] } });
  });

  it("applies to the manifest before validation, and problems on it say --set", () => {
    expect(specProblems("deletionWindowDays: 7", { set: ["spec.deletionWindowDays=3"] })).toEqual([
      "spec.deletionWindowDays: must be between 7 and 30 (got 3)",
    ]);
    expect(specProblems("deletionWindowDays: 3", { set: ["spec.deletionWindowDays=14"] })).toEqual([]);
  });
});
