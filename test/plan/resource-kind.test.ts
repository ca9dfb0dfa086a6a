import { isEngineBookkeeping, resourceKind } from "../../src/plan/resource-kind";

describe("resourceKind and isEngineBookkeeping", () => {
  it("name planton's resources, and single out the stack and the providers as bookkeeping", () => {
    expect(resourceKind("aws:kms/key:Key")).toBe("key");
    expect(resourceKind("aws:kms/replicaKey:ReplicaKey")).toBe("replica-key");
    expect(resourceKind("aws:kms/alias:Alias")).toBe("alias");
    expect(isEngineBookkeeping("pulumi:pulumi:Stack")).toBe(true);
    expect(isEngineBookkeeping("pulumi:providers:aws")).toBe(true);
    expect(isEngineBookkeeping("aws:kms/key:Key")).toBe(false);
    expect(isEngineBookkeeping("aws:kms/alias:Alias")).toBe(false);
  });
});
