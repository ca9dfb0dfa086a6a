import { CommandError, ConcurrentUpdateError, PulumiCommand } from "@pulumi/pulumi/automation";
import { cleanMessage, toPlantonError } from "../../src/engine/to-planton-error";
import { tempDir } from "../support/temp-dir";

// The SDK's own result class (exported at runtime, left out of its typings): errors are built as the SDK builds them.
type Result = ConstructorParameters<typeof CommandError>[0];
const { CommandResult } = require("@pulumi/pulumi/automation/cmd") as { CommandResult: new (stdout: string, stderr: string, code: number) => Result };

const context = { verb: "apply", stack: "acme-prod-rds", diagnostics: [], interrupted: false, backendUrl: "file:///tmp/state" };

function commandError(stderr: string): CommandError {
  return new CommandError(new CommandResult("", stderr, 255));
}

describe("toPlantonError", () => {
  it("calls an update that departs from its update plan `moved`: the stack changed since the preview", () => {
    const stderr = "error: resource urn:pulumi:acme-prod-rds::planton::aws:kms/key:Key::key violates plan: properties changed: ~~description[{one}!={two}]";
    const err = toPlantonError(commandError(stderr), context);
    expect(err.kind).toBe("moved");
    expect(err.message).toMatch(/^cannot apply stack acme-prod-rds: the update departed from the reviewed plan \(the stack changed since the preview\): .*violates plan/);
  });

  it("words a create that ran past its deadline (the bridge's Go error) as the endpoint that did not answer, in one line", () => {
    const diagnostic = "creating urn:pulumi:acme-prod-rds::planton::aws:kms/key:Key::key: 1 error occurred:\n\t* creating KMS Key: operation error KMS: CreateKey, https response error StatusCode: 0, RequestID: , canceled, context deadline exceeded\n";
    const endpoint = { url: "http://127.0.0.1:4566", seconds: 120 };
    const err = toPlantonError(commandError("error: update failed"), { ...context, diagnostics: [diagnostic], endpoint });
    expect(err.kind).toBe("engine");
    expect(err.message).toBe("cannot apply stack acme-prod-rds: the KMS endpoint http://127.0.0.1:4566 did not answer within 120 s");
    expect(err.hint).toBeUndefined();
    const withoutUrl = toPlantonError(commandError("error: update failed"), { ...context, verb: "destroy", diagnostics: [diagnostic], endpoint: { seconds: 5 } });
    expect(withoutUrl.message).toBe("cannot destroy stack acme-prod-rds: the KMS endpoint of the stack did not answer within 5 s");
  });

  it("reports a locked stack with the way out", () => {
    const err = toPlantonError(new ConcurrentUpdateError(new CommandResult("", "error: the stack is currently locked by 1 lock(s)", 255)), context);
    expect(err.kind).toBe("locked");
    expect(err.message).toBe("cannot apply stack acme-prod-rds: another run holds its lock");
    expect(err.hint).toBe(
      "wait for the other run to finish; a lock left by a killed run is cleared with `planton unlock --stack acme-prod-rds --backend file:///tmp/state`, which refuses while its run is still active on this host",
    );
  });

  it("quotes an s3:// backend URL in the lock hint, so the command runs when pasted into a shell", () => {
    const backendUrl = "s3://state?endpoint=127.0.0.1:9000&disableSSL=true&region=us-east-1";
    const locked = new ConcurrentUpdateError(new CommandResult("", "error: the stack is currently locked by 1 lock(s)", 255));
    expect(toPlantonError(locked, { ...context, backendUrl }).hint).toContain(
      "`planton unlock --stack acme-prod-rds --backend 's3://state?endpoint=127.0.0.1:9000&disableSSL=true&region=us-east-1'`",
    );
  });

  it("says the Pulumi CLI cannot be found when it is not on PATH, with the install hint", async () => {
    const path = process.env["PATH"];
    process.env["PATH"] = tempDir("no-pulumi");
    let thrown: unknown;
    try {
      await PulumiCommand.get();
    } catch (err) {
      thrown = err;
    } finally {
      process.env["PATH"] = path;
    }
    const err = toPlantonError(thrown, { ...context, verb: "open" });
    expect(err.kind).toBe("missing-tool");
    expect(err.message).toBe("cannot open stack acme-prod-rds: cannot find the Pulumi CLI");
    expect(err.hint).toMatch(/^install it \(curl -fsSL https:\/\/get\.pulumi\.com \| sh/);
  });

  it("gives a provider error's message without stack traces", () => {
    const diagnostics = [
      "  aws:kms:Key key creating failed: error: operation error KMS: CreateKey, https response error StatusCode: 400, ValidationException: bad\n    at Object.create (/x/provider.js:10:3)\n    at run (/x/y.js:1:1)\n",
    ];
    const err = toPlantonError(commandError("error: update failed"), { ...context, diagnostics });
    expect(err.kind).toBe("engine");
    expect(err.message).toBe(
      "cannot apply stack acme-prod-rds: aws:kms:Key key creating failed: error: operation error KMS: CreateKey, https response error StatusCode: 400, ValidationException: bad",
    );
  });

  it("points an alias that already exists at planton import", () => {
    const diagnostics = ["  aws:kms:Alias alias creating failed: AlreadyExistsException: An alias with the name arn:aws:kms:us-east-1:111122223333:alias/legacy/orders already exists"];
    const err = toPlantonError(commandError("error: update failed"), { ...context, diagnostics });
    expect(err.kind).toBe("engine");
    expect(err.hint).toBe("the alias alias/legacy/orders already exists; to manage the key it names with planton, adopt it: planton import --key-id alias/legacy/orders");
  });

  it("recognises missing or expired credentials", () => {
    const err = toPlantonError(commandError("error: update failed"), {
      ...context,
      diagnostics: ["error: configuring Terraform AWS Provider: no valid credential sources for Terraform AWS Provider found."],
    });
    expect(err.kind).toBe("credentials");
    expect(err.hint).toContain("AWS_PROFILE");
    expect(toPlantonError(commandError("error: ExpiredToken: The security token included in the request is expired"), context).kind).toBe("credentials");
  });

  it("says an interrupted run was interrupted", () => {
    expect(toPlantonError(commandError("error: update canceled"), { ...context, interrupted: true }).kind).toBe("interrupted");
  });

  it("points a protected key at spec.deletionProtection", () => {
    const err = toPlantonError(commandError("error: update failed"), {
      ...context,
      verb: "destroy",
      diagnostics: ["error: resource \"urn:...::key\" cannot be deleted\nbecause it is protected. To unprotect the resource, ..."],
    });
    expect(err.kind).toBe("refused");
    expect(err.message).toBe("cannot destroy stack acme-prod-rds: the key is protected by spec.deletionProtection");
  });

  it("falls back to the engine's error line", () => {
    expect(toPlantonError(commandError("Updating (dev)\nerror: could not find plugin aws\n"), context).message).toBe(
      "cannot apply stack acme-prod-rds: could not find plugin aws",
    );
  });
});

describe("cleanMessage", () => {
  it("drops ANSI codes, stack frames and error: prefixes", () => {
    expect(cleanMessage("\u001b[31merror: boom\u001b[0m\n    at x (y.js:1:1)\n")).toBe("boom");
  });
});

describe("toPlantonError and the state backend", () => {
  const s3 = "s3://bucket?endpoint=http://nohost.invalid&region=us-east-1";
  const goError = (reason: string) =>
    `error: read ".pulumi/meta.yaml": blob (key ".pulumi/meta.yaml") (code=Unknown): operation error S3: GetObject, https response error StatusCode: 0, RequestID: , HostID: , request send failed, Get "http://nohost.invalid/bucket/.pulumi/meta.yaml?x-id=GetObject": dial tcp: ${reason}`;

  it("says in one line which backend could not be reached, and why", () => {
    const err = toPlantonError(commandError(goError("lookup nohost.invalid on 10.255.255.53:53: no such host")), { ...context, verb: "open", backendUrl: s3 });
    expect(err.message).toBe(`cannot open stack acme-prod-rds: cannot reach the state backend ${s3} at http://nohost.invalid: unknown host`);
    const refused = toPlantonError(commandError(goError("connect: connection refused")), { ...context, verb: "open", backendUrl: s3 });
    expect(refused.message).toMatch(/: connection refused$/);
  });

  it("hides secrets a backend URL carries in its query", () => {
    const url = "s3://bucket?region=us-east-1&secret_access_key=abc123";
    const err = toPlantonError(commandError(goError("connect: connection refused")), { ...context, verb: "open", backendUrl: url });
    expect(err.message).not.toContain("abc123");
    expect(err.message).toContain("secret_access_key=***");
  });
});

describe("toPlantonError after a half-way update", () => {
  it("says what the update created and how to go on", () => {
    const created = [{ name: "key", type: "aws:kms/key:Key", id: "1234abcd" }, { name: "replica-eu-west-1", type: "aws:kms/replicaKey:ReplicaKey" }];
    const err = toPlantonError(commandError("error: update failed"), { ...context, diagnostics: ["creating alias: AlreadyExistsException: alias exists"], created });
    expect(err.message).toBe("cannot apply stack acme-prod-rds: creating alias: AlreadyExistsException: alias exists");
    expect(err.hint).toBe(
      "created before it stopped: key (aws:kms/key:Key, 1234abcd), replica-eu-west-1 (aws:kms/replicaKey:ReplicaKey); the stack's state records them, so fix the cause and run `planton apply` again to finish (or `planton destroy` to remove them)",
    );
  });
});
