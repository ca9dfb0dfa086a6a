import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { liveKeys } from "./support/live-keys";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox, expectExit } from "./support/sandbox";

// PLANTON_SANDBOX_KMS_LATENCY_MS=N: every KMS endpoint the sandbox exports answers N ms late, and
// deployments go through those endpoints.

jest.setTimeout(300_000);

const LATENCY_MS = 300;

describeE2e("scripts/sandbox with PLANTON_SANDBOX_KMS_LATENCY_MS", () => {
  const sandbox = useSandbox({ env: { PLANTON_SANDBOX_KMS_LATENCY_MS: String(LATENCY_MS) } });

  it(`delays every exported KMS endpoint by at least ${LATENCY_MS} ms per call`, async () => {
    const endpoints = (sandbox.env["PLANTON_SANDBOX_KMS_ENDPOINTS"] ?? "").split(",").map((pair) => pair.split("=") as [string, string]);
    expect(endpoints.map(([region]) => region)).toEqual(["us-east-1", "eu-west-1", "us-west-2"]);
    expect(sandbox.env["AWS_ENDPOINT_URL_KMS"]).toBe(endpoints[0]![1]);
    for (const [region, endpoint] of endpoints) {
      const kms = new KMSClient({ region, endpoint, credentials: { accessKeyId: "x", secretAccessKey: "x" } });
      await kms.send(new ListKeysCommand({})); // connection set up; the next call measures the answer alone
      const started = performance.now();
      await kms.send(new ListKeysCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(LATENCY_MS);
    }
  });

  it("deploys through the delayed endpoints", async () => {
    const file = sandbox.write("slow.yaml", keyManifest({ name: "slow" }));
    expectExit(await sandbox.planton(["apply", "-f", file, "--yes"]), 0);
    expect(await liveKeys(sandbox.kms("us-east-1"), "slow")).toHaveLength(1);
    const forwarded = readFileSync(join(sandbox.env["PLANTON_SANDBOX_DIR"]!, "latency-proxy", "log"), "utf8");
    expect(forwarded).toContain("us-east-1 TrentService.CreateKey 200\n");
  });
});
