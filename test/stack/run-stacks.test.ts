import { PlantonError } from "../../src/core/planton-error";
import { requireConfirmation } from "../../src/cli/confirm";
import type { Io } from "../../src/cli/io";
import { reportPrinter } from "../../src/cli/print-run";
import { finishRun, stackContext } from "../../src/cli/run-stacks";
import { failureText, runStacks as runFrame, type StackOperation } from "../../src/stack/run-stacks";
import type { StackTarget } from "../../src/stack/stack-targets";
import { fakeEngine } from "../support/fake-engine";
import { memoryIo } from "../support/memory-io";
import { policyBlock } from "../support/policy-block";

const doc = (name: string) => `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\nspec:\n  region: us-east-1\n${policyBlock}`;
const options = { files: ["-"], stackFlags: {}, verbose: false, color: "never" };

/** The frame with the CLI's printer: each stack's target goes to `runner`, the summary ends the run. */
async function runStacks(command: string, opts: typeof options, io: Io, runner: (target: StackTarget) => Promise<{ ok: boolean; changed: boolean }>) {
  const operation: StackOperation<never> = (session) => runner(session.target);
  const run = await runFrame({ command, verb: command, judgesPolicy: command === "preview" || command === "apply" }, opts, stackContext(io, fakeEngine(), opts, reportPrinter(io, opts, () => undefined)), operation);
  const exitCode = finishRun(io, command, run, () => (command === "apply" ? "2 created" : "no changes"));
  return { ...run, exitCode };
}

describe("runStacks", () => {
  it("runs every stack, goes on after a failure, and ends with one summary line per stack", async () => {
    const io = memoryIo({ stdin: `${doc("a")}---\n${doc("b")}---\n${doc("c")}`, env: { PULUMI_CONFIG_PASSPHRASE: "x" } });
    const seen: string[] = [];
    const result = await runStacks("apply", options, io, async (target) => {
      seen.push(target.stack);
      if (target.stack === "b") throw new PlantonError("engine", "cannot apply stack b: the emulator is down");
      return { ok: true, changed: true };
    });
    expect(seen).toEqual(["a", "b", "c"]);
    expect(result.exitCode).toBe(1);
    expect(io.err()).toBe(
      "error: cannot apply stack b: the emulator is down\n" +
        "\nplanton apply: 3 stacks\n" +
        "  ok      a (-): 2 created\n" +
        "  FAILED  b (-): failed: the emulator is down\n" +
        "  ok      c (-): 2 created\n",
    );
  });

  it("stops after an interruption and marks the rest skipped", async () => {
    const io = memoryIo({ stdin: `${doc("a")}---\n${doc("b")}`, env: { PULUMI_CONFIG_PASSPHRASE: "x" } });
    const result = await runStacks("apply", options, io, async () => {
      throw new PlantonError("interrupted", "cannot apply stack a: interrupted");
    });
    expect(result.results.map((r) => failureText(r))).toEqual(["failed: interrupted", "skipped (interrupted)"]);
  });

  it("stops before the engine on an invalid manifest, and prints the empty-passphrase notice once", async () => {
    const invalid = memoryIo({ stdin: "apiVersion: nope\n" });
    const runner = jest.fn();
    expect((await runStacks("preview", options, invalid, runner)).exitCode).toBe(1);
    expect(runner).not.toHaveBeenCalled();

    const io = memoryIo({ stdin: `${doc("a")}---\n${doc("b")}` });
    await runStacks("preview", options, io, async () => ({ ok: true, changed: false }));
    expect(io.err().match(/using an empty passphrase/g)).toHaveLength(1);
  });

  it("warns before previewing a key without a policy block that it gets the AWS default policy, and goes on", async () => {
    const io = memoryIo({ stdin: doc("a").replace(policyBlock, ""), env: { PULUMI_CONFIG_PASSPHRASE: "x" } });
    const runner = jest.fn(async () => ({ ok: true, changed: true, summary: "1 to create" }));
    expect((await runStacks("preview", options, io, runner)).exitCode).toBe(0);
    expect(runner).toHaveBeenCalledTimes(1);
    expect(io.err()).toMatch(/^-:5:1: warning: spec\.policy: not set: the key gets the AWS default key policy, which gives the account root kms:\* .*\n/);
  });

  it("says nothing of the default policy when the command only reads or removes the stack", async () => {
    for (const command of ["outputs", "refresh", "destroy"]) {
      const io = memoryIo({ stdin: doc("a").replace(policyBlock, ""), env: { PULUMI_CONFIG_PASSPHRASE: "x" } });
      expect((await runStacks(command, options, io, async () => ({ ok: true, changed: false }))).exitCode).toBe(0);
      expect(io.err()).not.toContain("AWS default key policy");
    }
  });

  it("refuses a run without manifests through the error funnel", async () => {
    const io = memoryIo({ env: { PULUMI_CONFIG_PASSPHRASE: "x" } });
    const runner = jest.fn();
    expect((await runStacks("preview", { ...options, files: [] }, io, runner)).exitCode).toBe(1);
    expect(runner).not.toHaveBeenCalled();
    expect(io.err()).toBe(
      "error: cannot preview any stack: no manifests found\n" +
        "  pass -f with a manifest file, a directory of *.yaml/*.yml manifests, or - for stdin\n",
    );
  });

  it("refuses a manifest without a region (flag, field or environment) before the engine starts", async () => {
    const noRegion = "apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: a\nspec: {}\n";
    const io = memoryIo({ stdin: noRegion, env: { PULUMI_CONFIG_PASSPHRASE: "x" } });
    const runner = jest.fn();
    expect((await runStacks("apply", options, io, runner)).exitCode).toBe(1);
    expect(runner).not.toHaveBeenCalled();
    expect(io.err()).toContain("no AWS region: set spec.region, pass --region, or set AWS_REGION");
  });
});

describe("failureText", () => {
  const failed = (message: string) => failureText({ error: new PlantonError("engine", message) });

  it("drops a head that only says which stack (the summary line says it), whatever its verb", () => {
    expect(failed("cannot apply stack acme-prod-a: the provider failed")).toBe("failed: the provider failed");
    expect(failed("cannot read the outputs of stack acme-prod-a: no stack named acme-prod-a in file:///s")).toBe("failed: no stack named acme-prod-a in file:///s");
  });

  it("keeps a head that names what failed", () => {
    expect(failed("cannot use alias/prod/a in us-east-1 for stack acme-prod-a: it already points at key k")).toBe("failed: cannot use alias/prod/a in us-east-1 for stack acme-prod-a: it already points at key k");
  });
});

describe("requireConfirmation", () => {
  it("needs --yes when stdin is not a terminal", async () => {
    await expect(requireConfirmation(memoryIo(), "apply", "a", { yes: false })).rejects.toThrow(
      "cannot apply stack a: confirmation needed but standard input is not a terminal",
    );
    await expect(requireConfirmation(memoryIo(), "apply", "a", { yes: true })).resolves.toBeUndefined();
  });

  it("asks on a terminal and accepts only 'yes'", async () => {
    const yes = memoryIo({ tty: true, answers: ["yes"] });
    await expect(requireConfirmation(yes, "destroy", "a", { yes: false })).resolves.toBeUndefined();
    expect(yes.err()).toContain("Destroy stack a?");
    await expect(requireConfirmation(memoryIo({ tty: true, answers: ["y"] }), "destroy", "a", { yes: false })).rejects.toThrow(
      "cannot destroy stack a: not confirmed (only 'yes' approves)",
    );
  });
});
