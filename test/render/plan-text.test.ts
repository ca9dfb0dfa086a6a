import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPlan } from "../../src/plan/build-plan";
import { planJson } from "../../src/render/plan-json";
import { costLine, renderPlanText } from "../../src/render/plan-text";
import type { EngineEvent } from "../../src/engine/engine-event";
import { createEvents, deleteEvents, replaceEvents, updateEvents } from "../plan/fixtures";

// Golden files: test/golden/plan-<case>/{plan.txt, plan.colour.txt, plan.json}.
// Regenerate with UPDATE_GOLDEN=1 npx jest test/render, then read the diff before committing.
const GOLDEN = join(__dirname, "..", "golden");
const target = { stack: "acme-prod-rds-primary", file: "keys/rds.yaml", name: "rds-primary" };

function golden(name: string, actual: string): string {
  const path = join(GOLDEN, name);
  if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(path)) {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, actual);
  }
  return readFileSync(path, "utf8");
}

const cases: [string, () => EngineEvent[]][] = [
  ["create", createEvents],
  ["update", updateEvents],
  ["replace", replaceEvents],
  ["delete", deleteEvents],
];

describe.each(cases)("plan-%s", (name, events) => {
  const plan = buildPlan(target, events());

  it("renders plain text", () => {
    const text = renderPlanText(plan, { colour: false });
    expect(text).not.toContain("\u001b[");
    expect(text).toBe(golden(`plan-${name}/plan.txt`, text));
  });

  it("renders colour text that is the plain text plus ANSI escapes", () => {
    const text = renderPlanText(plan, { colour: true });
    expect(text).toContain("\u001b[");
    expect(text.replace(/\u001b\[\d+m/g, "")).toBe(renderPlanText(plan, { colour: false }));
    expect(text).toBe(golden(`plan-${name}/plan.colour.txt`, text));
  });

  it("renders the JSON document from the same plan", () => {
    const json = `${JSON.stringify(planJson([{ ...target, plan, refusals: [] }], { ok: true, problems: [] }), null, 2)}\n`;
    expect(json).toBe(golden(`plan-${name}/plan.json`, json));
  });
});

describe("renderPlanText", () => {
  it("says there are no changes when nothing changes", () => {
    const plan = buildPlan(target, updateEvents().filter((e) => e.kind === "step-planned" && e.step.op === "same"));
    expect(renderPlanText(plan, { colour: false })).toBe(
      "Stack acme-prod-rds-primary (rds-primary, keys/rds.yaml)\n\n" +
        "No changes. The stack matches the manifest.\n" +
        "Monthly cost after apply: $0.00 (0 KMS keys at $1.00 each; API requests extra).\n",
    );
  });

  it("counts the keys the stack keeps from the changes, not from the dollar amount", () => {
    const key = (name: string, kind: "key" | "replica-key", op: "create" | "same" | "delete") =>
      ({ urn: `urn:${name}`, type: "aws:kms/key:Key", name, kind, op, properties: [] }) as const;
    const plan = {
      ...target,
      changes: [key("key", "key", "same"), key("replica-eu-west-1", "replica-key", "create"), key("replica-us-west-2", "replica-key", "delete")],
      summary: { create: 1, update: 0, replace: 0, delete: 1, same: 1 },
      // A price that is not $1 a key: the count must not follow it.
      monthlyCostUsd: 2.5,
      hiddenChanges: 0,
      drift: [],
    };
    expect(costLine(plan)).toBe("Monthly cost after apply: $2.50 (2 KMS keys at $1.00 each; API requests extra).");
  });
});
