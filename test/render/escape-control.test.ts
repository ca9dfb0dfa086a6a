import { escapeControl } from "../../src/render/escape-control";
import { renderProblem } from "../../src/render/problems";
import { problemStyle } from "../../src/render/color";
import { error } from "../../src/core/problem";

describe("escapeControl", () => {
  it("writes C0, DEL, C1 and bidi controls as escapes and leaves other text alone", () => {
    expect(escapeControl("a\u001b[2Kb\u0007c\u007fd\u009be\u202ef\n\tg")).toBe("a\\x1b[2Kb\\x07c\\x7fd\\x9be\\u202ef\\n\\tg");
    expect(escapeControl("tags.CostCenter: ünïcode ✓")).toBe("tags.CostCenter: ünïcode ✓");
  });

  it("is applied to every part of a rendered problem, also with colour on", () => {
    const problem = error("spec.tags.\u001b]0;x\u0007", 'bad "\u001b[1A"', { file: "k\u001b.yaml", line: 1, column: 2 });
    const text = renderProblem(problem, problemStyle(true));
    // Only planton's own colour codes (ESC[...m) remain.
    expect(text.replace(/\u001b\[[0-9;]*m/g, "")).toBe('k\\x1b.yaml:1:2: spec.tags.\\x1b]0;x\\x07: bad "\\x1b[1A"');
  });
});
