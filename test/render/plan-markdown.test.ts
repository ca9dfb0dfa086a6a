import { MARKDOWN_LIMIT, renderPlanMarkdown } from "../../src/render/plan-markdown";
import type { StackPreview } from "../../src/render/plan-json";
import { createPlan, golden, mixedPreviews, policyUpdatePlan } from "./plan-markdown-fixtures";

describe("renderPlanMarkdown", () => {
  it("renders a broadening policy update as totals, then the stack with its statement table (golden)", () => {
    const plan = policyUpdatePlan();
    const markdown = renderPlanMarkdown([{ stack: plan.stack, file: plan.file, name: plan.name, plan, refusals: [] }]);
    expect(markdown).toBe(golden("markdown-policy-update/preview.md", markdown));
    expect(markdown.indexOf("**1 stack: 0 to create, 1 to update")).toBeLessThan(markdown.indexOf("### `acme-prod-rds-primary`"));
    expect(markdown).toContain("| `KeyUsage` | Allow | changed | + `arn:aws:iam::123456789012:role/Analytics`<br>1 unchanged |");
    expect(markdown).toContain("⚠️ **Broadens access:**");
    // The raw policy JSON is not repeated in the property table: the statements say it.
    expect(markdown).not.toContain("kms:describe*");
  });

  it("renders several stacks, folds long tables and reports a failed stack (golden)", () => {
    const markdown = renderPlanMarkdown(mixedPreviews());
    expect(markdown).toBe(golden("markdown-mixed/preview.md", markdown));
    expect(markdown).toContain("<details>\n<summary>10 properties</summary>");
    expect(markdown).toContain("> ❌ **Failed:** `acme-prod-audit`");
  });

  it("says no changes for a plan without any", () => {
    const plan = { ...policyUpdatePlan(), changes: policyUpdatePlan().changes.filter((c) => c.op === "same"), summary: { create: 0, update: 0, replace: 0, delete: 0, same: 1 } };
    const markdown = renderPlanMarkdown([{ stack: plan.stack, file: plan.file, name: plan.name, plan, refusals: [] }]);
    expect(markdown).toBe(golden("markdown-no-changes/preview.md", markdown));
  });

  it("stays under the limit with a clear truncated line when the plan is huge", () => {
    const previews: StackPreview[] = Array.from({ length: 400 }, (_, i) => {
      const plan = createPlan(`acme-dev-logs-${i}`);
      return { stack: plan.stack, file: plan.file, name: plan.name, plan, refusals: [] };
    });
    const markdown = renderPlanMarkdown(previews);
    expect(markdown.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(markdown).toMatch(/\n\*\*Truncated:\*\* \d+ stack section\(s\) shortened, \d+ left out to stay under 60,000 characters; run `planton preview --output json` for the full plan.\n$/);
    expect(markdown.startsWith("## planton preview\n\n**400 stacks: 800 to create")).toBe(true);
    // Folds are never cut in half.
    expect(markdown.split("<details>").length).toBe(markdown.split("</details>").length);
  });

  it("shortens a single stack section that alone is over the limit", () => {
    const plan = createPlan();
    const huge = { ...plan, changes: plan.changes.map((c) => ({ ...c, properties: Array.from({ length: 600 }, (_, i) => ({ path: `tags.t${i}`, kind: "add" as const, after: "v".repeat(100), forcesReplacement: false })) })) };
    const markdown = renderPlanMarkdown([{ stack: huge.stack, file: huge.file, name: huge.name, plan: huge, refusals: [] }]);
    expect(markdown.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(markdown).toContain("_Details left out to fit the size limit._");
    expect(markdown).toContain("**Truncated:** 1 stack section(s) shortened to stay under 60,000 characters");
  });

  it("escapes pipes in values so table cells stay put", () => {
    const plan = policyUpdatePlan();
    const markdown = renderPlanMarkdown([{ stack: plan.stack, file: plan.file, name: plan.name, plan, refusals: [] }]);
    expect(markdown).toContain('`"Primary RDS \\| Aurora key"`');
  });
});
