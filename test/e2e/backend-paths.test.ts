import { existsSync } from "node:fs";
import { join } from "node:path";
import { keyManifest } from "./support/manifests";
import { describeE2e, useSandbox, expectExit } from "./support/sandbox";

// --backend as a relative file URL or a plain path: resolved against the working directory (the
// engine itself runs in a temporary one), never mistaken for Pulumi Cloud.

jest.setTimeout(180_000);

describeE2e("planton against the sandbox: --backend paths", () => {
  const sandbox = useSandbox();
  let file: string;

  beforeAll(async () => {
    file = sandbox.write("key.yaml", keyManifest({ name: "paths" }));
  });

  it.each([
    ["file://relative", "file://state-url", "state-url"],
    ["./relative", "./state-dot", "state-dot"],
    ["an absolute path", "ABSOLUTE", "state-abs"],
  ])("%s keeps the state under the working directory", async (_what, flag, dir) => {
    const backend = flag === "ABSOLUTE" ? join(sandbox.dir, dir) : flag;
    const run = await sandbox.planton(["preview", "-f", file, "--backend", backend]);
    expectExit(run, 0);
    expect(run.stderr).not.toContain("PULUMI_ACCESS_TOKEN");
    expect(existsSync(join(sandbox.dir, dir, ".pulumi"))).toBe(true);
  });
});
