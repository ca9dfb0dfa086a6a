import { error, warning } from "../../src/core/problem";
import { capProblems } from "../../src/validate/cap-problems";

describe("capProblems", () => {
  it("keeps the first problems and says how many more there are", () => {
    const problems = Array.from({ length: 5 }, (_, i) => error(`p${i}`, "bad"));
    expect(capProblems(problems, "k.yaml", 2)).toEqual([
      problems[0],
      problems[1],
      error("", "and 3 more problems not shown; fix the ones above and run again", { file: "k.yaml" }),
    ]);
    expect(capProblems(problems, "k.yaml", 5)).toEqual(problems);
  });

  it("never turns an input valid by cutting its errors, nor invalid by cutting warnings", () => {
    expect(capProblems([warning("a", "w"), error("b", "e")], "k.yaml", 1)[1].severity).toBe("error");
    expect(capProblems([warning("a", "w"), warning("b", "w")], "k.yaml", 1)[1].severity).toBe("warning");
  });
});
