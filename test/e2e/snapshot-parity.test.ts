import { spawn } from "node:child_process";
import { startedFrom, tracedLauncher, withoutTrace, type LauncherStart } from "../support/launcher-run";
import { keyManifest } from "./support/manifests";
import { collect, describeE2e, useSandbox, type RunResult, type Sandbox } from "./support/sandbox";

// The engine commands from the startup snapshot give the same result as from dist/
// (PLANTON_NO_SNAPSHOT=1), in success and in failure, and each run succeeds or fails for the
// reason the case is about (test/cli/startup-snapshot.test.ts does the same for the offline
// commands; terminal-prompt.test.ts for apply's prompt).

jest.setTimeout(300_000);

const NAME = "parity";
const STACK = `acme-prod-${NAME}`;

interface Traced extends RunResult {
  readonly started: LauncherStart;
}

/** Runs bin/planton in the sandbox off a terminal, from the snapshot or (noSnapshot) from dist/. */
async function run(sandbox: Sandbox, args: readonly string[], noSnapshot: boolean): Promise<Traced> {
  const traced = tracedLauncher(args);
  const env = { ...sandbox.env, NO_COLOR: "1", PLANTON_NO_SNAPSHOT: noSnapshot ? "1" : "", ...traced.env };
  const result = await collect(spawn(traced.command, traced.args, { cwd: sandbox.dir, env, stdio: ["pipe", "pipe", "pipe"] }));
  return { ...result, stderr: withoutTrace(result.stderr), started: startedFrom(result.stderr) };
}

/** stderr without what differs between two runs (durations). */
function steady(text: string): string {
  return text.replace(/\d+(\.\d+)?\s?m?s\b/g, "<time>");
}

/** Runs a command from both builds and checks they agree; returns the snapshot's run. */
async function bothAgree(sandbox: Sandbox, args: readonly string[]): Promise<Traced> {
  const fromSnapshot = await run(sandbox, args, false);
  const fromDist = await run(sandbox, args, true);
  expect([fromSnapshot.started, fromDist.started]).toEqual(["snapshot", "dist"]);
  expect({ code: fromSnapshot.code, stdout: fromSnapshot.stdout, stderr: steady(fromSnapshot.stderr) }).toEqual({
    code: fromDist.code,
    stdout: fromDist.stdout,
    stderr: steady(fromDist.stderr),
  });
  expect(fromSnapshot.stderr).not.toMatch(/dynamic import|bug in planton|Cannot find module|cannot load/);
  return fromSnapshot;
}

function expectCode(result: RunResult, code: number): void {
  if (result.code !== code) throw new Error(`expected exit ${code}, got ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
}

describeE2e("the engine commands from the startup snapshot and from dist/", () => {
  const sandbox = useSandbox();
  let file: string;

  beforeAll(async () => {
    file = sandbox.write("key.yaml", keyManifest({ name: NAME, window: 7 }));
  });

  it("preview of a new stack: the same plan, exit 2 with --detailed-exitcode", async () => {
    const result = await bothAgree(sandbox, ["preview", "-f", file, "--detailed-exitcode"]);
    expectCode(result, 2);
    expect(result.stdout).toContain("  + create key (aws:kms/key:Key)");
  });

  it("preview of an invalid manifest: the same problem, exit 1", async () => {
    const bad = sandbox.write("bad.yaml", keyManifest({ name: NAME, window: 3 }));
    const result = await bothAgree(sandbox, ["preview", "-f", bad]);
    expectCode(result, 1);
    expect(`${result.stdout}${result.stderr}`).toMatch(/bad\.yaml:\d+:\d+: spec\.deletionWindowDays: must be between 7 and 30 \(got 3\)/);
  });

  it("apply off a terminal without --yes: the same refusal, exit 1", async () => {
    const result = await bothAgree(sandbox, ["apply", "-f", file]);
    expectCode(result, 1);
    expect(result.stderr).toContain(`error: cannot apply stack ${STACK}: confirmation needed but standard input is not a terminal`);
  });

  it("outputs before and after apply, and a preview refused for a broadening", async () => {
    const missing = await bothAgree(sandbox, ["outputs", "-f", file]);
    expectCode(missing, 1);
    // The previews above created the stack; nothing was applied to it yet.
    expect(missing.stderr).toContain(`error: cannot read the outputs of stack ${STACK}: the stack has no outputs`);

    expectCode(await run(sandbox, ["apply", "-f", file, "--yes"], false), 0);
    const outputs = await bothAgree(sandbox, ["outputs", "-f", file, "-o", "json"]);
    expectCode(outputs, 0);
    expect(JSON.parse(outputs.stdout)).toMatchObject({ aliasName: `alias/prod/${NAME}`, region: "us-east-1" });

    const broader = sandbox.write(
      "broader.yaml",
      keyManifest({ name: NAME, window: 7 }).replace(
        '      - "arn:aws:iam::111122223333:role/RDSServiceRole"\n',
        '      - "arn:aws:iam::111122223333:role/RDSServiceRole"\n      - "arn:aws:iam::111122223333:role/NewApp"\n',
      ),
    );
    const refused = await bothAgree(sandbox, ["preview", "-f", broader]);
    expectCode(refused, 1);
    expect(refused.stderr).toMatch(/spec\.policy: the key policy of key broadens access: .*; pass --allow-broadening if that is intended/);
  });
});
