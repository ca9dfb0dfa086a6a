import { resolveBackend } from "../../src/engine/backend-url";
import { engineEnvironment } from "../../src/engine/engine-env";

const local = resolveBackend({ env: {}, homeDir: "/home/ada", cwd: "/work" });
const s3 = resolveBackend({ flag: "s3://bucket/prefix?region=us-east-1", env: {}, homeDir: "/home/ada", cwd: "/work" });

describe("engineEnvironment", () => {
  it("gives a local backend without a passphrase an empty one, and says so", () => {
    const result = engineEnvironment({}, local);
    expect(result.vars).toEqual({ PULUMI_BACKEND_URL: "file:///home/ada/.planton/state", PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_CONFIG_PASSPHRASE: "" });
    expect(result.notices).toEqual([
      "note: no PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE set; using an empty passphrase for the state backend",
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
    expect(engineEnvironment({ CI: "true", PULUMI_CONFIG_PASSPHRASE: "x" }, s3).notices).toEqual([]);
    expect(engineEnvironment({ CI: "false", PULUMI_CONFIG_PASSPHRASE: "x" }, local).notices).toEqual([]);
  });

  it("passes --profile as AWS_PROFILE", () => {
    expect(engineEnvironment({}, s3, { profile: "prod" }).vars["AWS_PROFILE"]).toBe("prod");
  });

  it("passes --endpoint-url as AWS_ENDPOINT_URL_KMS, so replica providers use it too", () => {
    expect(engineEnvironment({}, s3, { endpointUrl: "http://127.0.0.1:4566" }).vars["AWS_ENDPOINT_URL_KMS"]).toBe("http://127.0.0.1:4566");
    expect(engineEnvironment({}, s3).vars["AWS_ENDPOINT_URL_KMS"]).toBeUndefined();
  });

  it("gives every self-managed backend (s3 too) an empty passphrase when none is set, but not Pulumi Cloud", () => {
    expect(engineEnvironment({}, s3).vars["PULUMI_CONFIG_PASSPHRASE"]).toBe("");
    const cloud = resolveBackend({ flag: "https://api.pulumi.com", env: {}, homeDir: "/home/ada", cwd: "/work" });
    expect(engineEnvironment({}, cloud)).toEqual({ vars: { PULUMI_BACKEND_URL: "https://api.pulumi.com", PULUMI_SKIP_UPDATE_CHECK: "true" }, notices: [] });
  });
});
