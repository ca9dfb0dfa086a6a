import { parse } from "yaml";
import { runCli } from "../../src/cli/main";
import { runDestroy, type DestroyOptions } from "../../src/cli/run-destroy";
import type { EngineEvent } from "../../src/engine/engine-event";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { STACK_ENV, STACK_MANIFEST } from "./stack-command-fixtures";
import { ALIAS_INPUTS, ALIAS_URN, KEY_INPUTS, KEY_URN, planned, state, step } from "../plan/fixtures";

// destroy with the engine replaced by the destroy preview of a key (7-day window) and its alias:
// what the command prints for each output. The real engine is covered by test/e2e.

const destroyEvents: EngineEvent[] = [
  planned(step("delete", ALIAS_URN, { old: state(ALIAS_INPUTS) })),
  planned(step("delete", KEY_URN, { old: state({ ...KEY_INPUTS, deletionWindowInDays: 7 }) })),
];

const engine = () => fakeEngine({ events: { "destroy-preview": destroyEvents } });

const manifest = STACK_MANIFEST;
const env = STACK_ENV;

function options(extra: Partial<DestroyOptions> = {}): DestroyOptions {
  return { files: ["-"], stackFlags: {}, verbose: false, color: "never", yes: true, now: () => new Date("2026-11-29T10:00:00Z"), ...extra };
}

const expectedStack = {
  stack: "acme-prod-rds",
  file: "-",
  name: "rds",
  scheduled: [{ name: "key", type: "aws:kms/key:Key", deletionWindowDays: 7, unrecoverableAfter: "2026-12-06T10:00:00.000Z" }],
  removed: [{ name: "alias", type: "aws:kms/alias:Alias" }],
};

/** The destroy document around its stacks. */
function documentOf(stacks: object[], ok = true): object {
  return { formatVersion: "2.1", stacks, ok, problems: [], error: null };
}

describe("runDestroy output", () => {
  it("json prints exactly one document on stdout: what was scheduled and removed", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runDestroy(options({ output: "json" }), io, engine())).toBe(0);
    expect(JSON.parse(io.out())).toEqual(documentOf([{ ...expectedStack, destroyed: true, locks: [], error: null }]));
    expect(io.err()).toContain("Destroying stack acme-prod-rds...\n");
  });

  it("yaml prints the same document as YAML", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runDestroy(options({ output: "yaml" }), io, engine())).toBe(0);
    expect(parse(io.out())).toEqual(documentOf([{ ...expectedStack, destroyed: true, locks: [], error: null }]));
  });

  it("a refused confirmation still gives the document, with the stack not destroyed and the reason", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runDestroy(options({ output: "json", yes: false }), io, engine())).toBe(1);
    expect(JSON.parse(io.out())).toEqual(
      documentOf([{ ...expectedStack, destroyed: false, locks: [], error: "failed: confirmation needed but standard input is not a terminal" }], false),
    );
  });

  it("text (the default) prints the schedule per stack", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runDestroy(options(), io, engine())).toBe(0);
    expect(io.out()).toBe(
      "Stack acme-prod-rds (rds, -)\n\n" +
        "  - key (aws:kms/key:Key): scheduled for deletion in 7 days; unrecoverable after 2026-12-06 10:00 UTC (cancel before then with aws kms cancel-key-deletion)\n" +
        "  - alias (aws:kms/alias:Alias): removed\n" +
        "\nDestroy: 1 KMS key scheduled for deletion, 1 other resource removed.\n\n",
    );
    expect(io.err()).toContain("  ok      acme-prod-rds (-): 1 KMS key scheduled for deletion\n");
  });
});

describe("planton destroy -o", () => {
  it("takes --output json from the command line", async () => {
    const io = memoryIo({ stdin: manifest, env });
    expect(await runCli(["destroy", "-f", "-", "--yes", "-o", "json"], io, engine())).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ stacks: [{ stack: "acme-prod-rds", destroyed: true }] });
  });
});
