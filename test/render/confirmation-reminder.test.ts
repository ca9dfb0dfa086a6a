import { requireConfirmation } from "../../src/cli/confirm";
import { buildPlan } from "../../src/plan/build-plan";
import { confirmationReminder } from "../../src/render/confirmation-reminder";
import { memoryIo } from "../support/memory-io";
import { replaceEvents, updateEvents } from "../plan/fixtures";
import { policyUpdatePlan } from "./plan-markdown-fixtures";

const target = { stack: "acme-prod-rds", file: "key.yaml", name: "rds" };

describe("confirmationReminder", () => {
  it("names each replacement with what it costs, and the monthly cost after apply", () => {
    expect(confirmationReminder(buildPlan(target, replaceEvents()))).toBe(
      "Approving this plan also approves:\n" +
        '  - spec.keySpec: changing customerMasterKeySpec (SYMMETRIC_DEFAULT → RSA_2048) replaces KMS key "key": the old key is scheduled for deletion, and data encrypted under it becomes undecryptable once it is deleted\n' +
        '  - spec.keyUsage: changing keyUsage (ENCRYPT_DECRYPT → SIGN_VERIFY) replaces KMS key "key": the old key is scheduled for deletion, and data encrypted under it becomes undecryptable once it is deleted\n' +
        '  - spec.alias: alias "alias" would point at a different key (1234abcd-12ab-34cd-56ef-1234567890ab → (known after apply)): callers using the alias would switch keys\n' +
        "Monthly cost after apply: $1.00 (1 KMS key at $1.00 each; API requests extra).\n\n",
    );
  });

  it("names each broadening statement and what it grants", () => {
    const reminder = confirmationReminder(policyUpdatePlan());
    expect(reminder).toMatch(/^Approving this plan also approves:\n {2}- spec\.policy: the key policy of key broadens access: statement \S+ /);
    expect(reminder).not.toContain("--allow-broadening");
  });

  it("is empty for ordinary changes", () => {
    expect(confirmationReminder(buildPlan(target, updateEvents()))).toBe("");
  });

  it("is said right above the question at the prompt", async () => {
    const io = memoryIo({ tty: true, answers: ["yes"] });
    await requireConfirmation(io, "apply", "acme-prod-rds", { yes: false, reminder: confirmationReminder(buildPlan(target, replaceEvents())) });
    expect(io.err()).toMatch(/API requests extra\)\.\n\nApply these changes to stack acme-prod-rds\?\n {2}Only 'yes' will be accepted to approve\.\n\n {2}Enter a value: $/);
  });
});
