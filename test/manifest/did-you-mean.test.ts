import { didYouMean, editDistance } from "../../src/manifest/did-you-mean";

describe("didYouMean", () => {
  it("counts edits", () => {
    expect(editDistance("keySpc", "keySpec")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests a close name, ignoring case", () => {
    expect(didYouMean("keySpc", ["keySpec", "keyUsage"])).toBe("keySpec");
    expect(didYouMean("symmetric_default", ["SYMMETRIC_DEFAULT", "RSA_2048"])).toBe("SYMMETRIC_DEFAULT");
    expect(didYouMean("deletionWindow", ["deletionWindowDays", "description"])).toBe("deletionWindowDays");
  });

  it("suggests nothing when no name is close", () => {
    expect(didYouMean("colour", ["keySpec", "keyUsage"])).toBeUndefined();
  });
});
