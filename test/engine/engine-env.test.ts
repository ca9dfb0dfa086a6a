import { resolveBackend } from "../../src/engine/backend-url";
import { engineEnvironment } from "../../src/engine/engine-env";
import { stackConfig } from "../../src/engine/stack-config";

const local = resolveBackend({ env: {}, homeDir: "/home/ada" });
const s3 = resolveBackend({ flag: "s3://bucket/prefix?region=us-east-1", env: {}, homeDir: "/home/ada" });

describe("engineEnvironment", () => {
  it("gives a local backend without a passphrase an empty one, and says so", () => {
    const result = engineEnvironment({}, local);
    expect(result.vars).toEqual({ PULUMI_BACKEND_URL: "file:///home/ada/.planton/state", PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_CONFIG_PASSPHRASE: "" });
    expect(result.notices).toEqual([
      "note: no PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE set; using an empty passphrase for the local state backend",
    ]);
  });

  it("leaves a configured passphrase (or passphrase file) alone", () => {
    expect(engineEnvironment({ PULUMI_CONFIG_PASSPHRASE: "s3cret" }, local)).toEqual({
      vars: { PULUMI_BACKEND_URL: local.url, PULUMI_SKIP_UPDATE_CHECK: "true" },
      notices: [],
    });
    expect(engineEnvironment({ PULUMI_CONFIG_PASSPHRASE_FILE: "/run/pass" }, local).vars["PULUMI_CONFIG_PASSPHRASE"]).toBeUndefined();
  });

  it("warns in CI that local state will not outlive the job, but not for S3", () => {
    const ci = engineEnvironment({ CI: "true", PULUMI_CONFIG_PASSPHRASE: "x" }, local);
    expect(ci.notices).toEqual([
      "warning: state is kept in file:///home/ada/.planton/state on this machine and will not outlive the CI job; use --backend s3://bucket/prefix?region=... (or PLANTON_BACKEND_URL) to keep it",
    ]);
    expect(engineEnvironment({ CI: "true" }, s3).notices).toEqual([]);
    expect(engineEnvironment({ CI: "false", PULUMI_CONFIG_PASSPHRASE: "x" }, local).notices).toEqual([]);
  });

  it("passes --profile as AWS_PROFILE", () => {
    expect(engineEnvironment({}, s3, { profile: "prod" }).vars["AWS_PROFILE"]).toBe("prod");
  });
});

describe("stackConfig", () => {
  it("sets the region, and with an endpoint the emulator-friendly provider settings", () => {
    expect(stackConfig({ region: "eu-west-1" })).toEqual({ "aws:region": "eu-west-1" });
    expect(stackConfig({ region: "us-east-1", endpointUrl: "http://127.0.0.1:4566", profile: "dev" })).toEqual({
      "aws:region": "us-east-1",
      "aws:profile": "dev",
      "aws:endpoints": [{ kms: "http://127.0.0.1:4566" }],
      "aws:skipCredentialsValidation": true,
      "aws:skipRequestingAccountId": true,
      "aws:skipMetadataApiCheck": true,
    });
  });
});
