import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { localDeployment } from "../../src/engine/local-checkpoint";
import { tempDir } from "../support/temp-dir";

// A local backend's checkpoint read directly must give what `pulumi stack export` gives: the
// latest deployment; anything unknown falls back to the engine (undefined).

function backend(file: string, content: Buffer | string): string {
  const dir = tempDir("planton-checkpoint");
  mkdirSync(join(dir, ".pulumi", "stacks", "planton"), { recursive: true });
  writeFileSync(join(dir, ".pulumi", "stacks", "planton", file), content);
  return dir;
}

const latest = { resources: [{ urn: "urn:a", type: "aws:kms/key:Key", id: "k-1" }], pending_operations: [{ type: "creating", resource: { urn: "urn:b", type: "aws:kms/alias:Alias" } }] };
const checkpoint = JSON.stringify({ version: 3, checkpoint: { stack: "organization/planton/s", latest } });

describe("localDeployment", () => {
  it("reads the latest deployment of a plain or gzipped checkpoint", () => {
    expect(localDeployment(backend("s.json", checkpoint), "s")).toEqual({ version: 3, deployment: latest });
    expect(localDeployment(backend("s.json.gz", gzipSync(checkpoint)), "s")).toEqual({ version: 3, deployment: latest });
  });

  it("gives an empty deployment for a stack never updated", () => {
    expect(localDeployment(backend("s.json", JSON.stringify({ version: 3, checkpoint: { stack: "s" } })), "s")).toEqual({ version: 3, deployment: {} });
  });

  it("leaves a missing file, another checkpoint version or a broken file to the engine", () => {
    expect(localDeployment(backend("other.json", checkpoint), "s")).toBeUndefined();
    expect(localDeployment(backend("s.json", JSON.stringify({ version: 4, checkpoint: { latest } })), "s")).toBeUndefined();
    expect(localDeployment(backend("s.json", "{not json"), "s")).toBeUndefined();
  });
});
