import { resolveBackend } from "../../src/engine/backend-url";

const homeDir = "/home/ada";

describe("resolveBackend", () => {
  it("defaults to a file backend under ~/.planton/state", () => {
    expect(resolveBackend({ env: {}, homeDir, cwd: "/work" })).toEqual({
      url: "file:///home/ada/.planton/state",
      localDir: "/home/ada/.planton/state",
      selfManaged: true,
      isDefault: true,
    });
  });

  it("prefers --backend over PLANTON_BACKEND_URL over PULUMI_BACKEND_URL", () => {
    const env = { PLANTON_BACKEND_URL: "s3://planton-state/teams?region=eu-west-1", PULUMI_BACKEND_URL: "file:///tmp/pulumi" };
    expect(resolveBackend({ flag: "file:///srv/state", env, homeDir, cwd: "/work" }).url).toBe("file:///srv/state");
    expect(resolveBackend({ env, homeDir, cwd: "/work" })).toMatchObject({ url: "s3://planton-state/teams?region=eu-west-1", localDir: undefined, selfManaged: true, isDefault: false });
    expect(resolveBackend({ env: { PULUMI_BACKEND_URL: "file:///tmp/pulumi" }, homeDir, cwd: "/work" }).localDir).toBe("/tmp/pulumi");
  });

  it("tells self-managed backends, whose secrets need a passphrase, from Pulumi Cloud", () => {
    for (const url of ["gs://bucket", "azblob://container", "s3://bucket"]) expect(resolveBackend({ flag: url, env: {}, homeDir, cwd: "/work" }).selfManaged).toBe(true);
    expect(resolveBackend({ flag: "https://api.pulumi.com", env: {}, homeDir, cwd: "/work" }).selfManaged).toBe(false);
  });

  it("ignores empty variables and expands ~ in file URLs", () => {
    expect(resolveBackend({ env: { PLANTON_BACKEND_URL: "", PULUMI_BACKEND_URL: "file://~/state" }, homeDir, cwd: "/work" })).toEqual({
      url: "file:///home/ada/state",
      localDir: "/home/ada/state",
      selfManaged: true,
      isDefault: false,
    });
  });
});

describe("resolveBackend with paths", () => {
  const resolved = (flag: string) => resolveBackend({ flag, env: {}, homeDir, cwd: "/work/repo" });

  it("resolves file://relative and plain paths against the working directory", () => {
    expect(resolved("file://state")).toMatchObject({ url: "file:///work/repo/state", localDir: "/work/repo/state", selfManaged: true });
    expect(resolved("./state")).toMatchObject({ url: "file:///work/repo/state", localDir: "/work/repo/state", selfManaged: true });
    expect(resolved("../shared/state")).toMatchObject({ url: "file:///work/shared/state", localDir: "/work/shared/state" });
    expect(resolved("/abs/state")).toMatchObject({ url: "file:///abs/state", localDir: "/abs/state", selfManaged: true });
    expect(resolved("~/state").url).toBe("file:///home/ada/state");
  });

  it("keeps a file URL's query and leaves other schemes alone", () => {
    expect(resolved("file://state?no_checkpoint=true")).toMatchObject({ url: "file:///work/repo/state?no_checkpoint=true", localDir: "/work/repo/state" });
    expect(resolved("s3://bucket/prefix?region=eu-west-1").url).toBe("s3://bucket/prefix?region=eu-west-1");
  });
});
