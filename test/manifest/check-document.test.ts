import { decodeSource } from "../../src/manifest/decode-source";
import { maxAliasedValues } from "../../src/manifest/check-document";
import type { Problem } from "../../src/core/problem";

const header = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: k\n";

function decode(text: string) {
  return decodeSource({ file: "key.yaml", text }, []);
}

function problems(text: string): string[] {
  const result = decode(text);
  return [...result.problems, ...result.documents.flatMap((d) => d.problems)].map(show);
}

function show(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path === "" ? "" : `${p.path}: `}${p.message}`;
}

describe("decodeSource", () => {
  it("decodes every document of a multi-document file, skipping empty ones", () => {
    const result = decode(`${header}spec: {}\n---\n${header.replace("name: k", "name: j")}spec:\n  keySpec: HMAC_256\n---\n`);
    expect(result.problems).toEqual([]);
    expect(result.documents.map((d) => [d.index, d.name, d.key?.spec?.keySpec])).toEqual([
      [0, "k", 0],
      [1, "j", 11],
    ]);
  });

  it("records positions of fields, list items and map entries by JSON path", () => {
    const [doc] = decode(`${header}spec:\n  replicaRegions:\n    - eu-west-1\n    - eu-central-1\n  tags:\n    CostCenter: "1"\n`).documents;
    expect(doc.positions.get("spec.replicaRegions")).toEqual({ file: "key.yaml", line: 6, column: 3 });
    expect(doc.positions.get("spec.replicaRegions[1]")).toEqual({ file: "key.yaml", line: 8, column: 7 });
    expect(doc.positions.get("spec.tags.CostCenter")).toEqual({ file: "key.yaml", line: 10, column: 5 });
  });

  it("reports unknown fields with a hint, and proto names with their JSON name", () => {
    expect(problems(`${header}spec:\n  keySpc: RSA_2048\n  deletion_window_days: 7\n  colour: blue\n`)).toEqual([
      'key.yaml:6:3: spec.keySpc: unknown field "keySpc" in spec (did you mean "keySpec"?)',
      'key.yaml:7:3: spec.deletion_window_days: unknown field "deletion_window_days" in spec: write it "deletionWindowDays"',
      'key.yaml:8:3: spec.colour: unknown field "colour" in spec; known fields: region, alias, description, keySpec, keyUsage, enableRotation, rotationPeriodDays, deletionWindowDays, multiRegion, replicaRegions, tags, policy, enabled, deletionProtection',
    ]);
  });

  it("reports wrong types, unknown enum values and nulls, all of them", () => {
    expect(problems(`${header}spec:\n  deletionWindowDays: thirty\n  enableRotation: yes\n  keySpec: rsa_2048\n  tags: {CostCenter: 1234}\n  replicaRegions: eu-west-1\n  alias:\n  policy: [a]\n  rotationPeriodDays: 1.5\n`)).toEqual([
      'key.yaml:6:23: spec.deletionWindowDays: must be an integer (got "thirty")',
      'key.yaml:7:19: spec.enableRotation: must be true or false (got "yes")',
      'key.yaml:8:12: spec.keySpec: must be one of SYMMETRIC_DEFAULT, RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, ECC_NIST_EDWARDS25519, HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2, ML_DSA_44, ML_DSA_65, ML_DSA_87, ML_KEM_512, ML_KEM_768, ML_KEM_1024 (got "rsa_2048") (did you mean "RSA_2048"?)',
      'key.yaml:9:22: spec.tags.CostCenter: must be a string (got 1234); quote it: "1234"',
      "key.yaml:10:19: spec.replicaRegions: must be a list, not the string \"eu-west-1\"",
      "key.yaml:11:9: spec.alias: must not be empty; give it a value or remove the line",
      "key.yaml:12:11: spec.policy: must be a mapping of fields, not a list",
      "key.yaml:13:23: spec.rotationPeriodDays: must be an integer (got 1.5)",
    ]);
  });

  it("tells an empty required block to be {} and an empty optional block to go", () => {
    expect(problems(`${header}spec:\n`)).toEqual(["key.yaml:5:6: spec: must not be empty; give it fields, or write spec: {}"]);
    expect(problems(`${header}spec:\n  policy:\n`)).toEqual(["key.yaml:6:10: spec.policy: must not be empty; give it fields or remove the line"]);
    expect(problems(`${header}spec: {}\n`)).toEqual([]);
  });

  it("refuses the unspecified enum value", () => {
    expect(problems(`${header}spec:\n  keySpec: KEY_SPEC_UNSPECIFIED\n`)[0]).toContain('spec.keySpec: must be one of SYMMETRIC_DEFAULT');
  });

  it("reports broken YAML and duplicate keys as one line each", () => {
    expect(problems("a: [\n")).toEqual(["key.yaml:2:1: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]"]);
    expect(problems(`${header}spec: {}\nkind: AwsKmsKey\n`)).toEqual(['key.yaml:6:1: kind: "kind" is written twice in this mapping (first on line 2); keep one']);
    expect(problems(`${header}spec:\n  tags: {a: "1", b: "2", a: "3"}\n`)).toEqual(['key.yaml:6:26: spec.tags.a: "a" is written twice in this mapping (first on line 6); keep one']);
  });

  it("reports an empty file and a document that is not a mapping", () => {
    expect(problems("# only a comment\n")).toEqual(["key.yaml:undefined:undefined: file has no manifest: it is empty or holds only comments"]);
    expect(problems("- a\n- b\n")).toEqual(["key.yaml:1:1: a manifest must be a mapping of fields (apiVersion, kind, metadata, spec), not a list"]);
    expect(problems("just text\n")).toEqual(['key.yaml:1:1: a manifest must be a mapping of fields (apiVersion, kind, metadata, spec), not the string "just text"']);
  });

  it("follows aliases, but stops an alias bomb by the values it expands to", () => {
    expect(problems(`${header}spec:\n  region: &r eu-west-1\n  multiRegion: true\n  replicaRegions: [*r]\n`)).toEqual([]);
    // Nine levels of ten aliases each: 10^9 values expanded, from a file of a few hundred bytes.
    let bomb = `${header}  labels:\n    a0: &x0 "a"\n`;
    for (let i = 1; i < 10; i++) bomb += `    a${i}: &x${i} [${Array.from({ length: 10 }, () => `*x${i - 1}`).join(", ")}]\n`;
    bomb += "spec:\n  replicaRegions: *x9\n  description: *x9\n";
    const found = problems(bomb);
    expect(found.filter((p) => p.includes(`aliases repeat more than ${maxAliasedValues} values in this document`))).toHaveLength(1);
    expect(found.length).toBeLessThan(40);
  });

  it("makes an alias to no anchor (or to one defined after it) an error at its field", () => {
    expect(problems(`${header}spec:\n  deletionProtection: *protect\n`)).toEqual([
      "key.yaml:6:23: spec.deletionProtection: *protect refers to no anchor: define &protect on a value before it, or write the value here",
    ]);
    expect(problems(`${header}spec:\n  replicaRegions: [*later]\n  region: &later eu-west-1\n`)).toEqual([
      "key.yaml:6:20: spec.replicaRegions[0]: *later refers to no anchor: define &later on a value before it, or write the value here",
    ]);
  });
});
