import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { memoryIo, type MemoryIo } from "../support/memory-io";
import { tempDir } from "../support/temp-dir";

const ADMIN = "arn:aws:iam::123456789012:role/SecurityAdmin";
const USER = "arn:aws:iam::123456789012:role/App";

function manifest(name: string, spec: string): string {
  return `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
}

const usable = manifest("usable", `  region: us-east-1\n  policy:\n    adminRole: "${ADMIN}"\n    usageRoles: ["${USER}"]\n`);
const defaultPolicy = manifest("default", "  region: eu-west-1\n");
// What every command that loads a manifest without spec.policy prints on stderr about it.
const defaultPolicyWarning = "key.yaml:5:1: warning: spec.policy: not set: the key gets the AWS default key policy, which gives the account root kms:* (any principal of the account that IAM allows may manage and use the key); set adminRole and usageRoles for least privilege\n";

/** Runs `planton policy` on files holding these texts (in a fresh directory) plus `args`. */
async function policy(files: Record<string, string>, args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; io: MemoryIo }> {
  const dir = tempDir("planton-policy");
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const io = memoryIo({ cwd: dir, env });
  const code = await runCli(["policy", ...Object.keys(files).flatMap((f) => ["-f", f]), ...args], io);
  return { code, io };
}

describe("planton policy", () => {
  it("prints one manifest's policy as one JSON document and exits 0", async () => {
    const { code, io } = await policy({ "key.yaml": usable });
    expect(code).toBe(0);
    expect(io.err()).toBe("");
    const doc = JSON.parse(io.out());
    expect(doc.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["KeyAdministration", "KeyUsage"]);
    expect(io.out()).toMatch(/^\{\n  "Version": "2012-10-17",\n  "Statement": \[\n/);
    expect(io.out().endsWith("}\n")).toBe(true);
  });

  it("prints a JSON array for several manifests, in input order", async () => {
    const { code, io } = await policy({ "a.yaml": `${usable}---\n${defaultPolicy}` });
    expect(code).toBe(0);
    const docs = JSON.parse(io.out());
    expect(docs).toHaveLength(2);
    expect(docs[0].Statement[0].Sid).toBe("KeyAdministration");
    expect(docs[1].Id).toBe("key-default-1");
  });

  it("marks the unknown account id with a placeholder and says so on stderr", async () => {
    const { code, io } = await policy({ "key.yaml": defaultPolicy });
    expect(code).toBe(0);
    expect(JSON.parse(io.out()).Statement[0].Principal.AWS).toBe("arn:aws:iam::${AWS_ACCOUNT_ID}:root");
    expect(io.err()).toBe(`${defaultPolicyWarning}note: \${AWS_ACCOUNT_ID} stands for the key's account id, known only at deploy time; pass --account-id to fill it in\n`);
  });

  it("fills in --account-id and --partition", async () => {
    const { code, io } = await policy({ "key.yaml": defaultPolicy }, ["--account-id", "210987654321", "--partition", "aws-us-gov"]);
    expect(code).toBe(0);
    expect(io.err()).toBe(defaultPolicyWarning);
    expect(JSON.parse(io.out()).Statement[0].Principal.AWS).toBe("arn:aws-us-gov:iam::210987654321:root");
  });

  it("refuses an --account-id that is not 12 digits", async () => {
    const { code, io } = await policy({ "key.yaml": defaultPolicy }, ["--account-id", "12345"]);
    expect(code).toBe(1);
    expect(io.out()).toBe("");
    expect(io.err()).toBe('error: cannot print the key policy: --account-id must be a 12-digit AWS account id (got "12345")\n');
  });

  it("prints a replica's policy for --region naming a replica region, and refuses other regions", async () => {
    const multi = manifest("multi", `  region: us-east-1\n  multiRegion: true\n  replicaRegions: [eu-west-1]\n  policy:\n    adminRole: "${ADMIN}"\n    services: [{service: logs}]\n`);
    const replica = await policy({ "key.yaml": multi }, ["--region", "eu-west-1", "--account-id", "123456789012"]);
    expect(replica.code).toBe(0);
    expect(JSON.parse(replica.io.out()).Statement[1].Principal.Service).toBe("logs.eu-west-1.amazonaws.com");
    const primary = await policy({ "key.yaml": multi }, ["--account-id", "123456789012"]);
    expect(JSON.parse(primary.io.out()).Statement[1].Principal.Service).toBe("logs.us-east-1.amazonaws.com");
    const other = await policy({ "key.yaml": multi }, ["--region", "ap-south-1"]);
    expect(other.code).toBe(1);
    expect(other.io.out()).toBe("");
    expect(other.io.err()).toBe("key.yaml:6:3: spec.region: --region ap-south-1 is neither the key's region nor one of its replicaRegions (us-east-1, eu-west-1)\n");
  });

  it("takes the region from --region or AWS_REGION when the manifest has none", async () => {
    const noRegion = manifest("logs", `  policy:\n    adminRole: "${ADMIN}"\n    services: [{service: logs}]\n`);
    const byFlag = await policy({ "key.yaml": noRegion }, ["--region", "eu-west-1"]);
    expect(JSON.parse(byFlag.io.out()).Statement[1].Principal.Service).toBe("logs.eu-west-1.amazonaws.com");
    const byEnv = await policy({ "key.yaml": noRegion }, [], { AWS_REGION: "ap-southeast-2" });
    expect(JSON.parse(byEnv.io.out()).Statement[1].Principal.Service).toBe("logs.ap-southeast-2.amazonaws.com");
    const none = await policy({ "key.yaml": noRegion });
    expect(JSON.parse(none.io.out()).Statement[1].Principal.Service).toBe("logs.${AWS_REGION}.amazonaws.com");
    expect(none.io.err()).toContain("note: ${AWS_REGION} stands for the key's region: set spec.region, pass --region, or set AWS_REGION\n");
  });

  it("prints problems, no policy, and exits 1 when a policy is refused", async () => {
    const locked = manifest("locked", `  region: us-east-1\n  policy:\n    usageRoles: ["${USER}"]\n`);
    const { code, io } = await policy({ "key.yaml": locked });
    expect(code).toBe(1);
    expect(io.out()).toBe("");
    expect(io.err()).toMatch(/^key\.yaml:\d+:\d+: spec\.policy\.adminRole: no principal may change the key policy \(kms:PutKeyPolicy\)/);
  });

  it("prints no policy at all when any one of several manifests is invalid", async () => {
    const wildcard = manifest("wild", `  region: us-east-1\n  policy:\n    adminRole: "${ADMIN}"\n    usageRoles: ["*"]\n`);
    const { code, io } = await policy({ "a.yaml": usable, "b.yaml": wildcard });
    expect(code).toBe(1);
    expect(io.out()).toBe("");
    expect(io.err()).toContain("b.yaml:9:18: spec.policy.usageRoles[0]: must not be a wildcard principal");
  });

  it("prints warnings on stderr and still the policy, exit 0", async () => {
    const adminOnly = manifest("admin-only", `  region: us-east-1\n  policy:\n    adminRole: "${ADMIN}"\n`);
    const { code, io } = await policy({ "key.yaml": adminOnly });
    expect(code).toBe(0);
    expect(io.err()).toBe("key.yaml:7:3: warning: spec.policy: no principal or service may use the key: add usageRoles, services or crossAccountIds\n");
    expect(JSON.parse(io.out()).Statement).toHaveLength(1);
  });

  it("applies --set before building the policy, and reads - from stdin", async () => {
    const io = memoryIo({ stdin: usable });
    const code = await runCli(["policy", "-f", "-", "--set", "spec.policy.usageRoles[0]=arn:aws:iam::123456789012:role/Other"], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out()).Statement[1].Principal.AWS).toBe("arn:aws:iam::123456789012:role/Other");
  });
});
