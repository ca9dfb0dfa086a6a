import { readSavedPlan } from "../../src/stack/read-saved-plan";

// A plan file that is broken, foreign, of another major version or damaged is a usage error
// naming the file and why; planton never guesses at it.

const reason = (text: string): string => {
  try {
    readSavedPlan(text, "plan.json");
  } catch (err) {
    return (err as Error).message;
  }
  return "accepted";
};

describe("readSavedPlan", () => {
  it("refuses what is not JSON", () => {
    expect(reason("{")).toMatch(/^cannot read plan plan\.json: it is not JSON \(/);
  });
  it("refuses JSON that is no planton plan", () => {
    expect(reason('{"format_version":"1.2","planned_values":{}}')).toBe('cannot read plan plan.json: it is not a planton saved plan (no "kind": "planton/saved-plan")');
    expect(reason("[]")).toBe('cannot read plan plan.json: it is not a planton saved plan (no "kind": "planton/saved-plan")');
  });
  it("refuses another major format version", () => {
    expect(reason('{"kind":"planton/saved-plan","formatVersion":"2.0"}')).toBe("cannot read plan plan.json: its format version 2.0 is not 1.0");
  });
  it("refuses a plan without stacks or with a damaged stack", () => {
    expect(reason('{"kind":"planton/saved-plan","formatVersion":"1.0","id":"x","stacks":[]}')).toBe("cannot read plan plan.json: it is incomplete or damaged (id, stacks)");
    expect(reason('{"kind":"planton/saved-plan","formatVersion":"1.0","id":"x","stacks":[{"stack":"a"}]}')).toBe("cannot read plan plan.json: it is incomplete or damaged (id, stacks)");
  });
});
