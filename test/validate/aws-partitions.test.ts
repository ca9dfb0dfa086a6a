import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { principalProblem } from "../../src/policy/principal-problem";
import { dnsSuffixOf, partitionOf } from "../../src/validate/aws-partition";
import { AWS_PARTITIONS } from "../../src/validate/aws-partitions";

// src/validate/aws-partitions.ts is generated from the AWS SDK's partition table (@aws-sdk/core);
// these tests fail when the SDK is upgraded and the table, or a rule written in the proto, lags.

const root = join(__dirname, "..", "..");

it("is what scripts/write-aws-partitions.mjs generates from the installed AWS SDK now (else run npm run gen)", () => {
  const result = spawnSync(process.execPath, [join(root, "scripts", "write-aws-partitions.mjs"), "--check"], { cwd: root, encoding: "utf8" });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "src/validate/aws-partitions.ts is up to date\n" });
});

it("lists the partitions AWS has today, ISO and European Sovereign Cloud included", () => {
  expect(AWS_PARTITIONS.map((p) => p.id).sort()).toEqual(["aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov"]);
});

describe.each(AWS_PARTITIONS.map((p) => [p.id, p] as const))("partition %s", (id, partition) => {
  it("owns each of its regions, and a new region its pattern matches", () => {
    for (const region of partition.regions) expect(partitionOf(region)).toBe(id);
    const newRegion = partition.regions[0].replace(/-[0-9]+$/, "-99");
    expect(partitionOf(newRegion)).toBe(id);
  });

  it("has principals the proto's principal rule accepts", () => {
    expect(principalProblem("AWS", `arn:${id}:iam::123456789012:role/Admin`)).toBeUndefined();
    expect(principalProblem("AWS", `arn:${id}:iam::123456789012:root`)).toBeUndefined();
  });

  it("has service principals the proto's service principal rule accepts", () => {
    expect(dnsSuffixOf(id)).toBe(partition.dnsSuffix);
    expect(principalProblem("Service", `sns.${partition.dnsSuffix}`)).toBeUndefined();
  });
});

it("puts a region no partition claims in aws, as the AWS SDK's endpoint resolver does", () => {
  expect(partitionOf("xy-mars-1")).toBe("aws");
  expect(dnsSuffixOf("aws-mars")).toBe("amazonaws.com");
});
