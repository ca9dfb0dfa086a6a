import * as checkPolicyModule from "../../src/policy/check-policy";
import * as buildPolicyModule from "../../src/policy/build-policy";
import { warmUp } from "../../src/cli/warm-up";

// The startup snapshot is taken after warmUp(): what it does not run starts cold.
it("runs validate and policy successfully, through the policy checks of a manifest with a policy block", async () => {
  const checked = jest.spyOn(checkPolicyModule, "checkPolicy");
  const built = jest.spyOn(buildPolicyModule, "buildPolicy");
  expect(await warmUp()).toEqual([0, 0]);
  const policies = checked.mock.calls.map(([key]) => key.spec?.policy);
  expect(policies).toContainEqual(
    expect.objectContaining({
      adminRole: "arn:aws:iam::123456789012:role/SecurityAdmin",
      usageRoles: ["arn:aws:iam::123456789012:role/AppRole"],
      encryptionContext: { App: "warm-up" },
    }),
  );
  expect(built.mock.calls.some(([key]) => key.spec?.policy?.adminRole !== undefined)).toBe(true);
});
