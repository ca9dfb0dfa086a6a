import { engineOutputLines } from "../../src/stack/engine-output-lines";

describe("engineOutputLines (--verbose engine output)", () => {
  it("writes whole lines only, holding a partial line until its newline arrives", () => {
    const written: string[] = [];
    const write = engineOutputLines((text) => written.push(text));
    write("Updating (s):\n +  aws:kms:Key key cre");
    expect(written).toEqual(["Updating (s):\n"]);
    write("ating (0s)\r\n");
    expect(written).toEqual(["Updating (s):\n", " +  aws:kms:Key key creating (0s)\n"]);
  });

  it("drops the Pulumi CLI's dot ticker, however its dots arrive", () => {
    const written: string[] = [];
    const write = engineOutputLines((text) => written.push(text));
    write("@ updating");
    for (let i = 0; i < 30; i++) write(".");
    write("\n +  aws:kms:Key key created (0.08s)\n@ destroying....\n");
    expect(written.join("")).toBe(" +  aws:kms:Key key created (0.08s)\n");
  });

  it("flush writes a last line the engine left without its newline, once, and never a ticker", () => {
    const written: string[] = [];
    const write = engineOutputLines((text) => written.push(text));
    write("Resources:\n    2 unchanged");
    write.flush();
    write.flush();
    expect(written.join("")).toBe("Resources:\n    2 unchanged\n");
    write("@ updating...");
    write.flush();
    expect(written.join("")).toBe("Resources:\n    2 unchanged\n");
  });
});
