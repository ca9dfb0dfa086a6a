import { PlantonError } from "../../src/core/planton-error";
import type { KeyFacts } from "../../src/adopt/key-facts";
import type { ReadKeyOptions } from "../../src/aws/read-key-facts";
import { importKey, type ImportContext, type ImportKeyOptions } from "../../src/stack/import-key";
import type { RunReport } from "../../src/stack/run-report";
import { FACTS } from "../adopt/facts";
import { fakeEngine, type FakeEngine, type FakeEngineOptions } from "../support/fake-engine";

// importKey on a fake engine and a fake key reader: what it reads, what it imports and into
// which stack, what it refuses before the engine starts, and that a failed import leaves no stack.

interface Harness {
  readonly ctx: ImportContext;
  readonly engine: FakeEngine;
  readonly reports: RunReport[];
  readonly reads: ReadKeyOptions[];
}

function harness(engineOptions: FakeEngineOptions, facts: Partial<KeyFacts> = {}, env: Record<string, string> = {}): Harness {
  const engine = fakeEngine(engineOptions);
  const reports: RunReport[] = [];
  const reads: ReadKeyOptions[] = [];
  const ctx: ImportContext = {
    engine,
    sources: { readStdin: () => "", cwd: process.cwd(), env: { PULUMI_CONFIG_PASSPHRASE: "x", PLANTON_BACKEND_URL: "file:///nonexistent", AWS_REGION: "us-east-1", ...env } },
    homeDir: "/nonexistent",
    interrupts: () => ({ signal: new AbortController().signal, interrupted: new AbortController().signal, dispose: () => undefined }),
    report: (r) => void reports.push(r),
    verbose: false,
    readKeyFacts: async (request) => (reads.push(request), { ...FACTS, ...facts }),
  };
  return { ctx, engine, reports, reads };
}

const options: ImportKeyOptions = { keyId: "alias/prod/Payments_main", stackFlags: {} };
const kinds = (h: Harness) => h.engine.calls.map((c) => `${c.kind}${c.kind === "run" ? `:${c.operation}` : ""}`);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

describe("importKey", () => {
  it("imports the key into a new stack named after its alias, with the adoption in the program, and returns the manifest", async () => {
    const h = harness({ exists: false });
    const result = await importKey({ ...options, org: "acme" }, h.ctx);
    expect(result.ok).toBe(true);
    expect(h.reads).toEqual([{ keyId: "alias/prod/Payments_main", region: "us-east-1" }]);
    expect(kinds(h)).toEqual(["open", "open", "run:update", "close"]);
    // The first open only asks whether the stack exists; the second runs the update.
    const program = h.engine.calls.flatMap((c) => (c.kind === "open" && c.program?.options.adopt !== undefined ? [c.program] : []));
    expect(program.map((p) => [p.key.metadata?.name, p.options.adopt?.keyId, p.options.adopt?.alias])).toEqual([["prod-payments-main", FACTS.keyId, "alias/prod/Payments_main"]]);
    expect(result.imported).toMatchObject({ stack: "acme-prod-payments-main", keyId: FACTS.keyId, keyArn: FACTS.arn, region: "us-east-1" });
    expect(result.imported?.manifest).toContain("metadata:\n  name: prod-payments-main\n  org: acme\nspec:\n  region: us-east-1\n  alias: alias/prod/Payments_main\n");
    expect(h.reports.find((r) => r.kind === "operation-started")).toMatchObject({ doing: "importing into stack acme-prod-payments-main" });
  });

  it("refuses a stack that already exists, before anything is imported", async () => {
    const h = harness({ exists: true });
    const result = await importKey(options, h.ctx);
    expect(result.ok).toBe(false);
    expect(message(result.error)).toBe("cannot import the key alias/prod/Payments_main: stack prod-payments-main already exists in file:///nonexistent");
    expect(kinds(h)).toEqual(["open", "close"]);
    expect(h.reports.map((r) => r.kind)).toEqual(["stack-failed"]);
  });

  it("removes the stack it made when the engine's import fails, and returns that failure", async () => {
    const failure = new PlantonError("engine", "cannot update stack prod-payments-main: the import failed");
    const h = harness({ exists: false, fail: { update: failure } });
    const result = await importKey(options, h.ctx);
    expect(result).toMatchObject({ ok: false, error: failure });
    expect(result.imported).toBeUndefined();
    expect(kinds(h)).toEqual(["open", "open", "run:update", "remove", "close"]);
  });

  it("refuses a key it cannot adopt before the engine starts, reporting why", async () => {
    const h = harness({ exists: false }, { keyState: "PendingDeletion" });
    const result = await importKey(options, h.ctx);
    expect(message(result.error)).toBe("cannot import the key alias/prod/Payments_main: KeyState: the key is pending deletion; cancel the deletion first (aws kms cancel-key-deletion) to keep and adopt it");
    expect(h.engine.calls).toEqual([]);
    expect(h.reports).toEqual([{ kind: "run-failed", error: result.error }]);
  });

  it("takes the region from an ARN and refuses a --region that says otherwise, without reading the key", async () => {
    const arn = `arn:aws:kms:eu-west-1:111122223333:key/${FACTS.keyId}`;
    const reading = harness({ exists: false }, {}, { AWS_REGION: "us-west-2" });
    await importKey({ ...options, keyId: arn }, reading.ctx);
    expect(reading.reads.map((r) => r.region)).toEqual(["eu-west-1"]);
    const refused = harness({ exists: false });
    const result = await importKey({ ...options, keyId: arn, region: "us-east-1" }, refused.ctx);
    expect(message(result.error)).toBe(`cannot import the key ${arn}: its ARN is in eu-west-1 but --region says us-east-1`);
    expect(refused.reads).toEqual([]);
  });
});
