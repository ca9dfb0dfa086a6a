import { PlantonError } from "../../src/core/planton-error";
import { applyStacks } from "../../src/stack/apply-stack";
import type { ConfirmRequest } from "../../src/stack/confirm-request";
import { destroyStacks } from "../../src/stack/destroy-stack";
import { previewStacks } from "../../src/stack/preview-stack";
import { readOutputs } from "../../src/stack/read-outputs";
import { refreshStacks } from "../../src/stack/refresh-stack";
import type { RunReport } from "../../src/stack/run-report";
import type { StackContext } from "../../src/stack/run-stacks";
import { testStackContext } from "../support/stack-context";
import { fakeEngine, type FakeEngine, type FakeEngineOptions } from "../support/fake-engine";
import { createEvents, KEY_INPUTS, KEY_URN, planned, replaceEvents, state, step, updateEvents } from "../plan/fixtures";
import { policyBlock } from "../support/policy-block";

// The stack operations on a fake engine: what each returns and reports, and what the frame does
// around them (Ctrl-C, --verbose lines, closing every stack it opened). Nothing is printed here.

const doc = (name: string) => `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\nspec:\n  region: us-east-1\n${policyBlock}`;
const options = { files: ["-"], stackFlags: {} };

interface Harness {
  readonly ctx: StackContext;
  readonly engine: FakeEngine;
  readonly reports: RunReport[];
  /** Aborts the run's `interrupted` signal, as the first Ctrl-C does. */
  readonly pressCtrlC: () => void;
  readonly disposed: () => boolean;
}

function harness(engineOptions: FakeEngineOptions, stdin = doc("a"), verbose = false): Harness {
  const engine = fakeEngine(engineOptions);
  const reports: RunReport[] = [];
  const interrupted = new AbortController();
  let disposed = false;
  const ctx = testStackContext(engine, stdin, {
    interrupts: () => ({ signal: new AbortController().signal, interrupted: interrupted.signal, dispose: () => void (disposed = true) }),
    report: (r) => void reports.push(r),
    verbose,
  });
  return { ctx, engine, reports, pressCtrlC: () => interrupted.abort(), disposed: () => disposed };
}

const closedEveryOpened = (engine: FakeEngine) =>
  expect(engine.calls.filter((c) => c.kind === "close").length).toBe(engine.calls.filter((c) => c.kind === "open").length);

const kinds = (reports: readonly RunReport[]) => reports.map((r) => r.kind);
const preview = { allowReplace: false, allowBroadening: false, interactive: false, refresh: true };

describe("previewStacks", () => {
  it("returns each stack's plan and reports it between the operation's start and end; Ctrl-C is set up and disposed", async () => {
    const h = harness({ events: { preview: updateEvents() } });
    const run = await previewStacks({ ...options, ...preview }, h.ctx);
    expect(run.ok).toBe(true);
    expect(run.results.map((r) => [r.target.stack, r.ok, r.changed, r.detail?.plan.summary.update])).toEqual([["a", true, true, 1]]);
    expect(kinds(h.reports)).toEqual(["operation-started", "engine-event", "engine-event", "engine-event", "operation-ended", "planned"]);
    expect(h.disposed()).toBe(true);
    closedEveryOpened(h.engine);
  });

  it("fails a stack whose plan a safety rail refuses, keeping the plan and the refusal", async () => {
    const h = harness({ events: { preview: replaceEvents() } });
    const [result] = (await previewStacks({ ...options, ...preview }, h.ctx)).results;
    expect(result?.ok).toBe(false);
    expect(result?.error).toBeUndefined();
    expect(result?.detail?.refusals.map((p) => p.path)).toEqual(["spec.keySpec", "spec.keyUsage", "spec.alias"]);
  });
});

describe("applyStacks", () => {
  const confirmed = jest.fn(async (_request: ConfirmRequest) => undefined);
  beforeEach(() => confirmed.mockClear());
  const apply = { ...options, ...preview, confirm: confirmed };

  it("asks about the plan it reported, then updates and keeps the outputs", async () => {
    const h = harness({ events: { preview: createEvents() }, outputs: { keyId: { value: "k-1", secret: false } } });
    const run = await applyStacks(apply, h.ctx);
    expect(h.engine.operations()).toEqual(["a:preview", "a:update"]);
    expect(confirmed).toHaveBeenCalledWith(expect.objectContaining({ verb: "apply", stack: "a", plan: run.results[0]?.detail?.plan }));
    expect(run.results[0]?.detail?.outputs).toEqual({ keyId: { value: "k-1", secret: false } });
    expect(kinds(h.reports)).toContain("changing");
    closedEveryOpened(h.engine);
  });

  it("refuses a guarded plan before asking: no update, the refusal is the stack's error and its detail", async () => {
    const h = harness({ events: { preview: replaceEvents() } });
    const [result] = (await applyStacks(apply, h.ctx)).results;
    expect(h.engine.operations()).toEqual(["a:preview"]);
    expect(confirmed).not.toHaveBeenCalled();
    expect((result?.error as PlantonError).message).toBe("cannot apply stack a: the plan replaces or deletes a KMS key and points an alias at a different key");
    expect(result?.detail?.refusals).toHaveLength(3);
    expect(h.reports.filter((r) => r.kind === "stack-failed")).toHaveLength(1);
    closedEveryOpened(h.engine);
  });

  it("without changes reads the outputs and deploys nothing", async () => {
    const same = updateEvents().map((e) => (e.kind === "step-planned" ? { ...e, step: { ...e.step, op: "same" as const } } : e));
    const h = harness({ events: { preview: same }, outputs: { keyId: { value: "k-1", secret: false } } });
    const [result] = (await applyStacks(apply, h.ctx)).results;
    expect(h.engine.operations()).toEqual(["a:preview"]);
    expect(result).toMatchObject({ ok: true, changed: false, detail: { outputs: { keyId: { value: "k-1", secret: false } } } });
  });

  it("after a Ctrl-C, the next stack fails 'interrupted before it started' and the rest are skipped", async () => {
    const h = harness({ events: { preview: createEvents() } }, `${doc("a")}---\n${doc("b")}---\n${doc("c")}`);
    const pressing = jest.fn(async () => h.pressCtrlC());
    const run = await applyStacks({ ...apply, confirm: pressing }, h.ctx);
    expect(run.results.map((r) => [r.target.stack, r.ok, r.skipped ?? false])).toEqual([["a", true, false], ["b", false, false], ["c", false, "interrupted"]]);
    expect((run.results[1]?.error as PlantonError).message).toBe("cannot apply stack b: interrupted before it started");
  });
});

describe("destroyStacks, refreshStacks, readOutputs", () => {
  it("destroy keeps what it planned and when, even when the confirmation refuses", async () => {
    const h = harness({ events: { "destroy-preview": [planned(step("delete", KEY_URN, { old: state(KEY_INPUTS) }))] } });
    const at = new Date("2026-11-29T10:00:00Z");
    const refuse = async () => {
      throw new PlantonError("refused", "cannot destroy stack a: not confirmed (only 'yes' approves)");
    };
    const [result] = (await destroyStacks({ ...options, now: () => at, confirm: refuse }, h.ctx)).results;
    expect(result?.ok).toBe(false);
    expect(result?.detail).toMatchObject({ planned: { at }, destroyed: false });
    expect(h.engine.operations()).toEqual(["a:destroy-preview"]);
  });

  it("destroy of a stack that does not exist is nothing to do", async () => {
    const h = harness({ exists: false });
    const [result] = (await destroyStacks({ ...options, now: () => new Date(), confirm: async () => undefined }, h.ctx)).results;
    expect(result).toMatchObject({ ok: true, changed: false, detail: { destroyed: false } });
  });

  it("refresh reports the engine's --verbose output in whole lines, the last one flushed", async () => {
    const h = harness({ engineOutput: "Refreshing (a):\nResources: 2 unchanged" }, doc("a"), true);
    await refreshStacks(options, h.ctx);
    const lines = h.reports.flatMap((r) => (r.kind === "engine-output" ? [r.text] : []));
    expect(lines).toEqual(["Refreshing (a):\n", "Resources: 2 unchanged\n"]);
  });

  it("outputs of a missing stack fail with what to do", async () => {
    const [result] = (await readOutputs(options, harness({ exists: false }).ctx)).results;
    expect((result?.error as PlantonError).message).toBe("cannot read the outputs of stack a: no stack named a in file:///nonexistent");
  });
});

describe("the KMS endpoint each operation uses", () => {
  const endpoint = { ...options, stackFlags: { endpointUrl: "http://127.0.0.1:9" } };
  const destroy = { now: () => new Date(), confirm: async () => undefined };
  const deleting = { "destroy-preview": [planned(step("delete", KEY_URN, { old: state(KEY_INPUTS) }))] };
  const opened = (engine: FakeEngine) => engine.calls.flatMap((c) => (c.kind === "open" ? [c.program?.options.endpointUrl ?? "(no program)"] : []));

  it("destroy and refresh with a manifest open the stack with its program, so this run's endpoint is used (not the state's)", async () => {
    const d = harness({ events: deleting });
    await destroyStacks({ ...endpoint, ...destroy }, d.ctx);
    expect(opened(d.engine)).toEqual(["http://127.0.0.1:9"]);
    const r = harness({});
    await refreshStacks(endpoint, r.ctx);
    expect(opened(r.engine)).toEqual(["http://127.0.0.1:9"]);
  });

  it("a stack known from its state alone (--stack without -f) has no program to run", async () => {
    const h = harness({});
    await refreshStacks({ files: [], stackFlags: { stack: "a", endpointUrl: "http://127.0.0.1:9" } }, h.ctx);
    expect(opened(h.engine)).toEqual(["(no program)"]);
  });

  it("a silent endpoint stops each command before the engine opens the stack, in one line", async () => {
    for (const [verb, run] of [
      ["preview", (h: Harness) => previewStacks({ ...endpoint, ...preview }, h.ctx)],
      ["apply", (h: Harness) => applyStacks({ ...endpoint, ...preview, confirm: async () => undefined }, h.ctx)],
      ["destroy", (h: Harness) => destroyStacks({ ...endpoint, ...destroy }, h.ctx)],
      ["refresh", (h: Harness) => refreshStacks(endpoint, h.ctx)],
    ] as const) {
      const h = harness({ silentEndpoints: ["http://127.0.0.1:9"] });
      const [result] = (await run(h)).results;
      expect((result?.error as PlantonError).message).toBe(`cannot ${verb} stack a: the KMS endpoint http://127.0.0.1:9 did not answer within 10 s`);
      expect(h.engine.calls.filter((c) => c.kind === "open")).toEqual([]);
    }
  });

  it("the check waits no longer than PLANTON_KMS_TIMEOUT_SECONDS, and outputs (state only) never checks", async () => {
    const h = harness({ silentEndpoints: ["http://127.0.0.1:9"] });
    const short = { ...h.ctx, sources: { ...h.ctx.sources, env: { ...h.ctx.sources.env, PLANTON_KMS_TIMEOUT_SECONDS: "3" } } };
    const [result] = (await refreshStacks(endpoint, short)).results;
    expect((result?.error as PlantonError).message).toBe("cannot refresh stack a: the KMS endpoint http://127.0.0.1:9 did not answer within 3 s");
    const outputs = harness({ silentEndpoints: ["http://127.0.0.1:9"] });
    await readOutputs(endpoint, outputs.ctx);
    expect(outputs.engine.calls.filter((c) => c.kind === "probe")).toEqual([]);
  });

  it("tells the engine the endpoint and deadline, to word a call that ran past it", async () => {
    const h = harness({ events: deleting });
    await destroyStacks({ ...endpoint, ...destroy }, h.ctx);
    const runs = h.engine.calls.flatMap((c) => (c.kind === "run" ? [c.options.endpoint] : []));
    expect(runs).toEqual([{ url: "http://127.0.0.1:9", seconds: 120 }, { url: "http://127.0.0.1:9", seconds: 120 }]);
  });
});
