import { loadManifests } from "../../src/stack/load-manifests";
import type { Problem } from "../../src/core/problem";

/** A full manifest around `spec` lines (indented two spaces each), as a YAML string. */
export function manifestYaml(specLines: string, name = "test-key"): string {
  const spec = specLines.trim() === "" ? "spec: {}\n" : `spec:\n${specLines.replace(/^/gm, "  ")}\n`;
  return `apiVersion: aws.project-planton.org/v1\nkind: AwsKmsKey\nmetadata:\n  name: ${name}\n${spec}`;
}

/** Every problem the pipeline finds in `yaml` read from stdin, rendered `line: path: message` for short assertions. */
export function allProblemsOf(yaml: string, options: { set?: string[]; region?: string } = {}): string[] {
  return loadManifests({ files: ["-"], ...options }, { readStdin: () => yaml, cwd: process.cwd(), env: {} }).problems.map(show);
}

/**
 * allProblemsOf without the warning every manifest without a policy block gets (the AWS default
 * policy, tested on its own), so the other rules' tests need no policy block.
 */
export function problemsOf(yaml: string, options: { set?: string[]; region?: string } = {}): string[] {
  return allProblemsOf(yaml, options).filter((problem) => !problem.startsWith("warning: spec.policy: not set: the key gets the AWS default key policy"));
}

function show(problem: Problem): string {
  return `${problem.severity === "warning" ? "warning: " : ""}${problem.path}: ${problem.message}`;
}

/** Problems for a manifest with these spec lines. */
export function specProblems(specLines: string, options: { set?: string[]; region?: string } = {}): string[] {
  return problemsOf(manifestYaml(specLines), options);
}
