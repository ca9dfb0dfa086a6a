import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import type { EngineEvent } from "../../src/engine/engine-event";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { createEvents, KEY_INPUTS, KEY_URN, planned, state, step } from "../plan/fixtures";

// One colour rule for every command (shouldColor, decided at the edge): --color always/never win;
// auto colours a terminal unless NO_COLOR is set or TERM=dumb; CI=true alone changes nothing.
// The engine is replaced by hand-built events; test/e2e covers the real one.

/** The engine's answers: a new key to create, a key to destroy, a key disabled out of band, outputs. */
const engine = () =>
  fakeEngine({
    events: {
      preview: createEvents(),
      "destroy-preview": [planned(step("delete", KEY_URN, { old: state(KEY_INPUTS) }))],
      "refresh-preview": [drifted()],
      refresh: [drifted()],
    },
    outputs: { keyId: { value: "k-1", secret: false }, region: { value: "us-east-1", secret: false } },
  });

/** The key disabled outside planton, as a refresh step reports it. */
function drifted(): EngineEvent {
  return { kind: "resource-done", step: step("refresh", KEY_URN, { old: state(KEY_INPUTS), new: state({ ...KEY_INPUTS, isEnabled: false }), diffs: ["isEnabled"] }), planning: false };
}

const ESC = "\u001b[";
let dir: string;
let clean: string;
let warned: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "planton-color-"));
  clean = join(dir, "clean.yaml");
  // With a policy block: a key without one loads with the AWS default policy's warning.
  writeFileSync(
    clean,
    'apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: minimal-key\nspec:\n  policy:\n    adminRole: "arn:aws:iam::123456789012:role/Admin"\n    usageRoles: ["arn:aws:iam::123456789012:role/App"]\n',
  );
  // No principal may use the key: a warning on stderr, which is what validate and policy colour.
  warned = join(dir, "warned.yaml");
  writeFileSync(
    warned,
    'apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: lonely\nspec:\n  policy:\n    adminRole: "arn:aws:iam::111122223333:role/SecurityAdmin"\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => ({ AWS_REGION: "us-east-1", PLANTON_BACKEND_URL: `file://${dir}/state`, PULUMI_CONFIG_PASSPHRASE: "x" });

/** Each command with something it would colour (a plan, drift, problems). */
const commands: Record<string, () => string[]> = {
  validate: () => ["validate", "-f", warned],
  policy: () => ["policy", "-f", warned],
  preview: () => ["preview", "-f", clean],
  apply: () => ["apply", "-f", clean, "--yes"],
  destroy: () => ["destroy", "-f", clean, "--yes"],
  refresh: () => ["refresh", "-f", clean, "--yes"],
};

const cases: { name: string; tty: boolean; env?: Record<string, string>; color?: string; coloured: boolean }[] = [
  { name: "off a terminal", tty: false, coloured: false },
  { name: "on a terminal", tty: true, coloured: true },
  { name: "on a terminal with NO_COLOR=1", tty: true, env: { NO_COLOR: "1" }, coloured: false },
  { name: "on a terminal with NO_COLOR empty", tty: true, env: { NO_COLOR: "" }, coloured: true },
  { name: "on a terminal with TERM=dumb", tty: true, env: { TERM: "dumb" }, coloured: false },
  { name: "off a terminal with CI=true", tty: false, env: { CI: "true" }, coloured: false },
  { name: "off a terminal with --color always", tty: false, color: "always", coloured: true },
  { name: "on a terminal with NO_COLOR and --color always", tty: true, env: { NO_COLOR: "1" }, color: "always", coloured: true },
  { name: "on a terminal with --color never", tty: true, color: "never", coloured: false },
];

describe.each(Object.keys(commands))("planton %s colour", (command) => {
  it.each(cases)("$name: coloured is $coloured", async ({ tty, env, color, coloured }) => {
    const io = memoryIo({ tty, env: { ...baseEnv(), ...env } });
    const code = await runCli([...(color ? ["--color", color] : []), ...commands[command]!()], io, engine());
    expect(code).toBe(0);
    const printed = io.out() + io.err();
    expect(printed.includes(ESC)).toBe(coloured);
  });
});

describe("planton outputs", () => {
  it.each(["text", "json", "yaml"])("prints %s data without colour, even with --color always on a terminal", async (format) => {
    const io = memoryIo({ tty: true, env: baseEnv() });
    expect(await runCli(["--color", "always", "outputs", "-f", clean, "-o", format], io, engine())).toBe(0);
    expect(io.out()).toContain("k-1");
    expect(io.out() + io.err()).not.toContain(ESC);
  });
});

describe("machine output", () => {
  it.each([
    ["validate", () => ["validate", "-f", warned, "-o", "json"]],
    ["preview", () => ["preview", "-f", clean, "-o", "json"]],
    ["apply", () => ["apply", "-f", clean, "--yes", "-o", "json"]],
  ])("%s -o json keeps stdout free of colour with --color always", async (_name, args) => {
    const io = memoryIo({ tty: true, env: baseEnv() });
    await runCli(["--color", "always", ...args()], io, engine());
    expect(io.out()).not.toContain(ESC);
    expect(() => JSON.parse(io.out())).not.toThrow();
  });
});
