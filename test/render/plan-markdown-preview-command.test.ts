import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import { memoryIo } from "../support/memory-io";
import type { EngineEvent } from "../../src/engine/engine-event";
import { fakeEngine, type FakeEngine } from "../support/fake-engine";
import { ALIAS_INPUTS, ALIAS_URN, diff, KEY_INPUTS, KEY_URN, planned, STACK_URN, state, step } from "../plan/fixtures";
import { POLICY_AFTER, POLICY_BEFORE } from "./plan-markdown-fixtures";

// preview and apply on a fake engine whose preview reports hand-built events: what the renderings
// and the key-policy safety rail do with the plan. The real engine is covered by test/e2e.

/** The preview of a description change and a key policy that broadens access (a new usage principal). */
function policyUpdateEvents(): EngineEvent[] {
  const before = { ...KEY_INPUTS, policy: POLICY_BEFORE };
  const after = { ...KEY_INPUTS, description: "Primary RDS | Aurora key", policy: POLICY_AFTER };
  return [
    planned(step("same", STACK_URN)),
    planned(step("update", KEY_URN, { old: state(before), new: state(after), diffs: ["description", "policy"], detailedDiff: { description: diff("update"), policy: diff("update") } })),
    planned(step("same", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) })),
  ];
}

/** The events the fake engine's preview reports; the broadening policy update unless a test says otherwise. */
let mockEvents: () => EngineEvent[] = policyUpdateEvents;
afterEach(() => (mockEvents = policyUpdateEvents));
const engine = (): FakeEngine => fakeEngine({ events: { preview: mockEvents() } });

const manifest = join(__dirname, "..", "..", "examples", "minimal.yaml");
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "planton-preview-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { AWS_REGION: "us-east-1", PLANTON_BACKEND_URL: `file://${dir}`, PULUMI_CONFIG_PASSPHRASE: "x", ...extra };
}

describe("planton preview renderings", () => {
  it("--output markdown prints the markdown document, totals first", async () => {
    const io = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "-o", "markdown", "--allow-broadening"], io, engine())).toBe(0);
    expect(io.out()).toMatch(/^## planton preview\n\n\*\*1 stack: 0 to create, 1 to update/);
    expect(io.out()).toContain("| `KeyUsage` | Allow | changed |");
  });

  it("--output json prints exactly one JSON document with the policy statements", async () => {
    const io = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "-o", "json", "--allow-broadening"], io, engine())).toBe(0);
    const document = JSON.parse(io.out());
    expect(document.formatVersion).toBe("2.1");
    expect(document.stacks[0].steps[0].policy.broadens).toBe(true);
  });

  it("appends the markdown to GITHUB_STEP_SUMMARY, whatever the output format", async () => {
    const summary = join(dir, "summary.md");
    const io = memoryIo({ env: env({ GITHUB_STEP_SUMMARY: summary }) });
    expect(await runCli(["preview", "-f", manifest, "--allow-broadening"], io, engine())).toBe(0);
    expect(io.out()).toContain("key policy: broadens access");
    expect(readFileSync(summary, "utf8")).toMatch(/^## planton preview\n/);
  });

  it("--no-step-summary leaves GITHUB_STEP_SUMMARY alone", async () => {
    const summary = join(dir, "summary.md");
    const io = memoryIo({ env: env({ GITHUB_STEP_SUMMARY: summary }) });
    expect(await runCli(["preview", "-f", manifest, "--no-step-summary", "--allow-broadening"], io, engine())).toBe(0);
    expect(() => readFileSync(summary)).toThrow();
  });

  it("--detailed-exitcode exits 2 when there are changes", async () => {
    const io = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "--detailed-exitcode", "--allow-broadening"], io, engine())).toBe(2);
  });
});

describe("planton apply and a broadening key policy", () => {
  it("refuses it off a terminal without --allow-broadening (exit 1), saying what it grants", async () => {
    const io = memoryIo({ env: env() });
    expect(await runCli(["apply", "-f", manifest, "--yes"], io, engine())).toBe(1);
    expect(io.err()).toContain("the key policy of key broadens access: statement KeyUsage adds principal arn:aws:iam::123456789012:role/Analytics");
    expect(io.err()).toContain("error: cannot apply stack minimal-key: the key policy change broadens access");
  });

  it("applies it with --allow-broadening", async () => {
    const io = memoryIo({ env: env() });
    expect(await runCli(["apply", "-f", manifest, "--yes", "--allow-broadening"], io, engine())).toBe(0);
    expect(io.err()).not.toContain("broadens access: statement");
  });

  it("leaves the decision to the person at a terminal", async () => {
    const io = memoryIo({ env: env(), tty: true, answers: ["yes"] });
    expect(await runCli(["apply", "-f", manifest], io, engine())).toBe(0);
    expect(io.err()).toContain("Apply these changes to stack minimal-key?");
  });

  it("stops with 'interrupted' (exit 1) and deploys nothing when Ctrl-C is pressed at the prompt", async () => {
    const ctrlC = Object.assign(new Error("Aborted with Ctrl+C"), { name: "AbortError", code: "ABORT_ERR" });
    const io = { ...memoryIo({ env: env(), tty: true }), ask: () => Promise.reject(ctrlC) };
    const fake = engine();
    expect(await runCli(["apply", "-f", manifest], io, fake)).toBe(1);
    expect(io.err()).toContain("error: cannot apply stack minimal-key: interrupted\n");
    expect(io.err()).not.toContain("bug in planton");
    expect(fake.operations()).toEqual(["minimal-key:preview"]);
  });

  it("refuses it at a terminal under --yes: with no prompt nobody confirms the broadening", async () => {
    const io = memoryIo({ env: env(), tty: true });
    expect(await runCli(["apply", "-f", manifest, "--yes"], io, engine())).toBe(1);
    expect(io.err()).toContain("the key policy of key broadens access: statement KeyUsage adds principal");
    expect(io.err()).toContain("error: cannot apply stack minimal-key: the key policy change broadens access");
  });
});

describe("planton preview and a broadening key policy", () => {
  it("refuses it off a terminal without --allow-broadening, as apply would: exit 1 with the explanation", async () => {
    const io = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "--detailed-exitcode"], io, engine())).toBe(1);
    expect(io.err()).toContain("the key policy of key broadens access: statement KeyUsage adds principal arn:aws:iam::123456789012:role/Analytics");
    expect(io.err()).toContain("refused: the key policy change broadens access (pass --allow-broadening)");
    expect(io.err()).not.toContain("KMS key");
  });

  it("lists the refusal in the JSON document and the markdown", async () => {
    const json = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "-o", "json"], json, engine())).toBe(1);
    expect(JSON.parse(json.out()).stacks[0].refusals).toEqual([
      { path: "spec.policy", message: expect.stringContaining("the key policy of key broadens access: statement KeyUsage") },
    ]);
    const markdown = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "-o", "markdown"], markdown, engine())).toBe(1);
    expect(markdown.out()).toContain("⛔ **Refused** (`spec.policy`): the key policy of key broadens access");
  });

  it("passes it at a terminal, where apply would ask", async () => {
    const io = memoryIo({ env: env(), tty: true });
    expect(await runCli(["preview", "-f", manifest, "--detailed-exitcode"], io, engine())).toBe(2);
  });

  it("does not take --yes: preview never confirms anything", async () => {
    const io = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "--yes", "--allow-broadening"], io, engine())).toBe(1);
    expect(io.err()).toContain("unknown option '--yes'");
  });
});

describe("a plan where only the AWS provider changes (a new --endpoint-url)", () => {
  const providerOnly = (): EngineEvent[] => [
      planned(step("same", STACK_URN)),
      planned(step("update", "urn:pulumi:s::planton::pulumi:providers:aws::aws-us-east-1", { diffs: ["endpoints"] })),
      planned(step("same", KEY_URN, { old: state(KEY_INPUTS), new: state(KEY_INPUTS) })),
      planned(step("same", ALIAS_URN, { old: state(ALIAS_INPUTS), new: state(ALIAS_INPUTS) })),
    ];

  it("makes preview --detailed-exitcode exit 2, saying what changes", async () => {
    mockEvents = providerOnly;
    const io = memoryIo({ env: env() });
    expect(await runCli(["preview", "-f", manifest, "--detailed-exitcode"], io, engine())).toBe(2);
    expect(io.err()).toContain("note: only the engine's own settings change (the AWS provider's --profile or --endpoint-url, or the stack outputs)");
  });

  it("makes apply run the update, so the state gets the new provider configuration", async () => {
    mockEvents = providerOnly;
    const io = memoryIo({ env: env() });
    const fake = engine();
    expect(await runCli(["apply", "-f", manifest, "--yes"], io, fake)).toBe(0);
    expect(fake.operations()).toEqual(["minimal-key:preview", "minimal-key:update"]);
  });
});
