import { loadManifests } from "../../src/stack/load-manifests";
import { resolveStackTargets } from "../../src/stack/stack-targets";
import { memoryIo } from "../support/memory-io";

function manifests(yaml: string, env: Record<string, string> = {}) {
  const loaded = loadManifests({ files: ["-"] }, memoryIo({ stdin: yaml, env }));
  expect(loaded.problems.filter((p) => p.severity === "error")).toEqual([]);
  return loaded.manifests;
}

const doc = (name: string, extra = "") =>
  `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\n  org: acme\n${extra}spec:\n  region: us-east-1\n`;

describe("resolveStackTargets", () => {
  it("names each stack from metadata and takes the endpoint from AWS_ENDPOINT_URL_KMS", () => {
    const env = { AWS_ENDPOINT_URL_KMS: "http://127.0.0.1:4566", PULUMI_CONFIG_PASSPHRASE: "x" };
    const result = resolveStackTargets(manifests(`${doc("a")}---\n${doc("b")}`), {}, env, "/home/ada", "/work");
    expect(result.problems).toEqual([]);
    expect(result.targets.map((t) => t.stack)).toEqual(["acme-a", "acme-b"]);
    expect(result.targets[0]!.aws).toEqual({ region: "us-east-1", endpointUrl: "http://127.0.0.1:4566", timeoutSeconds: 120 });
    expect(result.targets[0]!.backend.url).toBe("file:///home/ada/.planton/state");
    expect(result.notices).toEqual([]);
  });

  it("takes each KMS operation's deadline from PLANTON_KMS_TIMEOUT_SECONDS, and refuses one out of range", () => {
    const at = (value: string) => resolveStackTargets(manifests(doc("a")), {}, { PLANTON_KMS_TIMEOUT_SECONDS: value }, "/home/ada", "/work");
    expect(at("7").targets[0]!.aws.timeoutSeconds).toBe(7);
    expect(at("3600").targets[0]!.aws.timeoutSeconds).toBe(3600);
    for (const bad of ["0", "3601", "1.5", "-3", "5m"]) {
      expect(at(bad).targets).toEqual([]);
      expect(at(bad).problems.map((p) => p.message)).toEqual([`PLANTON_KMS_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600, got "${bad}"`]);
    }
  });

  it("refuses --stack with several manifests", () => {
    const result = resolveStackTargets(manifests(`${doc("a")}---\n${doc("b")}`), { stack: "mine" }, {}, "/home/ada", "/work");
    expect(result.problems.map((p) => p.message)).toContain(
      "--stack names one stack but 2 manifests were given; drop --stack or pass one manifest",
    );
  });

  it("refuses an endpoint that carries credentials (they would land in the state), without repeating it", () => {
    const result = resolveStackTargets(manifests(doc("a")), { endpointUrl: "http://ada:s3cret@127.0.0.1:4566" }, {}, "/home/ada", "/work");
    expect(result.targets).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "--endpoint-url must not carry credentials (user:password@): they would be stored in the stack's state; pass them as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or with --profile",
    ]);
    expect(JSON.stringify(result)).not.toContain("s3cret");
    const fromEnv = resolveStackTargets(manifests(doc("a")), {}, { AWS_ENDPOINT_URL_KMS: "https://k:v@kms.local" }, "/home/ada", "/work");
    expect(fromEnv.problems[0]!.message).toMatch(/^AWS_ENDPOINT_URL_KMS must not carry credentials/);
  });

  it("needs a region", () => {
    const noRegion = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: a\nspec: {}\n";
    const result = resolveStackTargets(manifests(noRegion), {}, {}, "/home/ada", "/work");
    expect(result.problems.map((p) => [p.path, p.message])).toEqual([
      ["spec.region", "no AWS region: set spec.region, pass --region, or set AWS_REGION"],
    ]);
  });

  it("passes the empty-passphrase notice on, and --endpoint-url over the environment", () => {
    const result = resolveStackTargets(manifests(doc("a")), { endpointUrl: "http://localhost:1" }, { AWS_ENDPOINT_URL_KMS: "http://other" }, "/h", "/work");
    expect(result.targets[0]!.aws.endpointUrl).toBe("http://localhost:1");
    expect(result.notices).toHaveLength(1);
    expect(result.targets[0]!.envVars["PULUMI_CONFIG_PASSPHRASE"]).toBe("");
  });
});
