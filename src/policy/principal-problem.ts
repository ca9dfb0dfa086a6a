import { create } from "@bufbuild/protobuf";
import { AwsKmsKeyPolicyStatementSchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/policy_pb";
import { manifestValidator } from "../validate/manifest-validator";
import { violationToProblem } from "../validate/violation-to-problem";

// Principals in the structured fields are checked by the proto rules (`iam_principal`, the service
// principal pattern). A raw policyJson names principals too: they are checked by the very same
// rules, by putting each one in a statement message and validating it, and explained in the same
// words (violationToProblem), so the two never disagree.

/**
 * Why `value` is not an acceptable principal of `type` (`AWS` or `Service`), or undefined when it
 * is; example ARNs are written in `partition` (the key's).
 */
export function principalProblem(type: "AWS" | "Service", value: string, partition = "aws"): string | undefined {
  const statement = create(AwsKmsKeyPolicyStatementSchema, {
    sid: "Check",
    actions: ["kms:DescribeKey"],
    principals: type === "AWS" ? [value] : [],
    servicePrincipals: type === "Service" ? [value] : [],
  });
  const result = manifestValidator().validate(AwsKmsKeyPolicyStatementSchema, statement);
  switch (result.kind) {
    case "valid":
      return undefined;
    case "invalid": {
      const violation = result.error.violations[0];
      return violation ? violationToProblem(violation, statement, partition).message : "is not a valid principal";
    }
    case "error":
      throw result.error;
  }
}
