import { resolveBackend } from "../../src/engine/backend-url";

const homeDir = "/home/ada";

describe("resolveBackend", () => {
  it("defaults to a file backend under ~/.planton/state", () => {
    expect(resolveBackend({ env: {}, homeDir })).toEqual({
      url: "file:///home/ada/.planton/state",
      localDir: "/home/ada/.planton/state",
      selfManaged: true,
      isDefault: true,
    });
  });

  it("prefers --backend over PLANTON_BACKEND_URL over PULUMI_BACKEND_URL", () => {
    const env = { PLANTON_BACKEND_URL: "s3://planton-state/teams?region=eu-west-1", PULUMI_BACKEND_URL: "file:///tmp/pulumi" };
    expect(resolveBackend({ flag: "file:///srv/state", env, homeDir }).url).toBe("file:///srv/state");
    expect(resolveBackend({ env, homeDir })).toMatchObject({ url: "s3://planton-state/teams?region=eu-west-1", localDir: undefined, selfManaged: true, isDefault: false });
    expect(resolveBackend({ env: { PULUMI_BACKEND_URL: "file:///tmp/pulumi" }, homeDir }).localDir).toBe("/tmp/pulumi");
  });

  it("tells self-managed backends, whose secrets need a passphrase, from Pulumi Cloud", () => {
    for (const url of ["gs://bucket", "azblob://container", "s3://bucket"]) expect(resolveBackend({ flag: url, env: {}, homeDir }).selfManaged).toBe(true);
    expect(resolveBackend({ flag: "https://api.pulumi.com", env: {}, homeDir }).selfManaged).toBe(false);
  });

  it("ignores empty variables and expands ~ in file URLs", () => {
    expect(resolveBackend({ env: { PLANTON_BACKEND_URL: "", PULUMI_BACKEND_URL: "file://~/state" }, homeDir })).toEqual({
      url: "file:///home/ada/state",
      localDir: "/home/ada/state",
      selfManaged: true,
      isDefault: false,
    });
  });
});
