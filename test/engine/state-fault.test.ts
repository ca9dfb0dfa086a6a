import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CommandError } from "@pulumi/pulumi/automation";
import { stateFaultOf } from "../../src/engine/state-fault";
import { toPlantonError } from "../../src/engine/to-planton-error";

// The engine's words are those the Pulumi CLI 3.276 printed in the sandbox (test/e2e/broken-state.test.ts).
type Result = ConstructorParameters<typeof CommandError>[0];
const { CommandResult } = require("@pulumi/pulumi/automation/cmd") as { CommandResult: new (stdout: string, stderr: string, code: number) => Result };
const failed = (stderr: string): CommandError => new CommandError(new CommandResult("", stderr, 255));

const READ_ONLY = "error: 2 errors occurred:\n    1) open /srv/state/.pulumi/locks/organization/planton/acme-prod-rds/ddaa82b8.json.18ed2456cfc603dc.tmp: read-only file system\n    2) Unknown\n";
const FULL = 'error: resource complete event returned an error: failed to save snapshot: An IO error occurred while writing the new snapshot file: blob (key ".pulumi/stacks/planton/acme-prod-rds.json") (code=Unknown): write /srv/state/.pulumi/stacks/planton/acme-prod-rds.json.18ed24930e953c44.tmp: no space left on device';

describe("stateFaultOf", () => {
  it.each([
    ["failed to load checkpoint: place 1: unexpected end of JSON input", "truncated: its JSON ends early"],
    ["getting snapshot: failed to load checkpoint: place 1: unexpected EOF", "truncated: its JSON ends early"],
    ["failed to load checkpoint: place 1: invalid character 'g' looking for beginning of value", "not valid JSON"],
    ["place 1: json: cannot unmarshal array into Go value of type apitype.VersionedCheckpoint", "not a Pulumi state (its JSON has the wrong shape)"],
    ["failed to load checkpoint: unsupported checkpoint version 99", "unsupported checkpoint version 99"],
  ])("reads %j as a damaged state: %s", (text, detail) => {
    expect(stateFaultOf(text)).toEqual({ kind: "damaged", detail });
  });

  it("reads a read-only file system and a full disk with the path the engine failed to write", () => {
    expect(stateFaultOf(READ_ONLY)).toEqual({ kind: "read-only", path: "/srv/state/.pulumi/locks/organization/planton/acme-prod-rds/ddaa82b8.json.18ed2456cfc603dc.tmp" });
    expect(stateFaultOf(FULL)).toEqual({ kind: "no-space", path: "/srv/state/.pulumi/stacks/planton/acme-prod-rds.json.18ed24930e953c44.tmp" });
    expect(stateFaultOf("Error: ENOSPC: no space left on device, open '/tmp/planton-x/update-plan.json'")).toEqual({ kind: "no-space", path: "/tmp/planton-x/update-plan.json" });
  });

  it("leaves a lock file the engine cannot parse (no checkpoint words) and other failures alone", () => {
    expect(stateFaultOf("error: unexpected end of JSON input")).toBeUndefined();
    expect(stateFaultOf("error: operation error KMS: CreateKey, AccessDeniedException")).toBeUndefined();
  });
});

describe("toPlantonError of a state fault", () => {
  const context = { verb: "apply", stack: "acme-prod-rds", diagnostics: [], interrupted: false, backendUrl: "file:///srv/state" };

  it("says the state directory is read-only in one line instead of `2 errors occurred:`", () => {
    const err = toPlantonError(failed(READ_ONLY), context);
    expect(err.kind).toBe("state");
    expect(err.message).toBe("cannot apply stack acme-prod-rds: the state directory /srv/state is read-only");
    expect(err.hint).toBe("make it writable (remount the file system read-write, or pass --backend with a writable directory) and run the command again");
  });

  it("says no space is left on the state directory's device, and how to look", () => {
    const err = toPlantonError(failed(FULL), context);
    expect(err.message).toBe("cannot apply stack acme-prod-rds: no space left on the device of the state directory /srv/state");
    expect(err.hint).toBe("free some space there (`df -h /srv/state`) and run the command again");
  });

  it("names another directory when the full one is not the state's", () => {
    const err = toPlantonError(new Error("ENOSPC: no space left on device, open '/tmp/planton-x/update-plan.json'"), context);
    expect(err.message).toBe("cannot apply stack acme-prod-rds: no space left on the device of the directory /tmp/planton-x");
  });

  it("names a damaged state file of a file backend with its newest readable backup and the restore command", () => {
    const dir = mkdtempSync(join(tmpdir(), "planton state "));
    const stacks = join(dir, ".pulumi", "stacks", "planton");
    const backups = join(dir, ".pulumi", "backups", "planton", "acme-prod-rds");
    mkdirSync(stacks, { recursive: true });
    mkdirSync(backups, { recursive: true });
    writeFileSync(join(stacks, "acme-prod-rds.json"), '{"version": 3, "checkpoint": {');
    writeFileSync(join(backups, "acme-prod-rds.1.json"), '{"version": 3}');
    writeFileSync(join(backups, "acme-prod-rds.2.json"), "{"); // newer, but damaged too: skipped
    utimesSync(join(backups, "acme-prod-rds.1.json"), 1_000, 1_000);
    const err = toPlantonError(failed("error: failed to load checkpoint: place 1: unexpected end of JSON input"), { ...context, verb: "read the state of", backendUrl: `file://${dir}` });
    const state = join(stacks, "acme-prod-rds.json");
    expect(err.message).toBe(`cannot read the state of stack acme-prod-rds: its state file ${state} is damaged (truncated: its JSON ends early)`);
    expect(err.hint).toBe(
      `the newest readable backup is ${join(backups, "acme-prod-rds.1.json")} (written 1970-01-01T00:16:40.000Z); restore it, keeping the damaged file beside it, then run \`planton preview\`:\n` +
        `    mv '${state}' '${state}.damaged' && cp '${join(backups, "acme-prod-rds.1.json")}' '${state}'`,
    );
  });

  it("points at the bucket's backups for a damaged state in s3", () => {
    const err = toPlantonError(failed("error: failed to load checkpoint: place 1: invalid character 'g'"), { ...context, backendUrl: "s3://state?region=us-east-1&secret_access_key=x" });
    expect(err.message).toBe("cannot apply stack acme-prod-rds: its state file .pulumi/stacks/planton/acme-prod-rds.json in s3://state?region=us-east-1&secret_access_key=*** is damaged (not valid JSON)");
    expect(err.hint).toContain(".pulumi/backups/planton/acme-prod-rds/");
  });

  it("says what a failed update created by what the state holds of it", () => {
    const key = { name: "key", type: "aws:kms/key:Key", id: "k-1" };
    const pending = toPlantonError(failed(FULL), { ...context, created: [{ ...key, state: "pending" }] });
    expect(pending.hint).toContain("\n  created in KMS, but the state could not record it: key (aws:kms/key:Key, k-1); the state holds it as a pending create, so once the cause is fixed the next `planton apply` adopts it");
    const recorded = toPlantonError(failed(FULL), { ...context, created: [{ ...key, state: "recorded" }] });
    expect(recorded.hint).toContain("created before it stopped: key (aws:kms/key:Key, k-1); the stack's state records them");
    const missing = toPlantonError(failed(FULL), { ...context, created: [{ ...key, state: "missing" }] });
    expect(missing.hint).toContain("created in KMS, but the state does not record it: key (aws:kms/key:Key, k-1); the next `planton apply` refuses to create a second key");
  });
});
