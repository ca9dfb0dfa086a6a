import { resolveBackend } from "../../src/engine/backend-url";

const homeDir = "/home/ada";

describe("resolveBackend", () => {
  it("defaults to a file backend under ~/.planton/state", () => {
    expect(resolveBackend({ env: {}, homeDir })).toEqual({
      url: "file:///home/ada/.planton/state",
      localDir: "/home/ada/.planton/state",
      isDefault: true,
    });
  });

  it("prefers --backend over PLANTON_BACKEND_URL over PULUMI_BACKEND_URL", () => {
    const env = { PLANTON_BACKEND_URL: "s3://planton-state/teams?region=eu-west-1", PULUMI_BACKEND_URL: "file:///tmp/pulumi" };
    expect(resolveBackend({ flag: "file:///srv/state", env, homeDir }).url).toBe("file:///srv/state");
    expect(resolveBackend({ env, homeDir })).toEqual({ url: "s3://planton-state/teams?region=eu-west-1", isDefault: false });
    expect(resolveBackend({ env: { PULUMI_BACKEND_URL: "file:///tmp/pulumi" }, homeDir }).localDir).toBe("/tmp/pulumi");
  });

  it("ignores empty variables and expands ~ in file URLs", () => {
    expect(resolveBackend({ env: { PLANTON_BACKEND_URL: "", PULUMI_BACKEND_URL: "file://~/state" }, homeDir })).toEqual({
      url: "file:///home/ada/state",
      localDir: "/home/ada/state",
      isDefault: false,
    });
  });
});
