import { hasErrors, type Problem } from "../core/problem";
import { positionOf } from "../manifest/position-index";
import { buildPolicy } from "../policy/build-policy";
import type { PolicyDocument } from "../policy/policy-document";
import { policyJson, policyJsonList } from "../policy/policy-json";
import { ACCOUNT_ID_PLACEHOLDER, REGION_PLACEHOLDER } from "../policy/policy-target";
import { resolvePolicyTarget, type PolicyTargetOptions } from "../policy/resolve-policy-target";
import { ExitCode } from "./exit";
import type { Io } from "./io";
import { loadManifests, type LoadManifestsOptions } from "../stack/load-manifests";
import { printProblems, type ColorFlags } from "./print-problems";

/** `planton policy`'s options once flags are parsed. */
export interface PolicyOptions extends LoadManifestsOptions, PolicyTargetOptions, ColorFlags {}

/**
 * Loads and checks the manifests (policy checks included), then prints each one's key policy on
 * stdout: one canonical JSON document, or a JSON array of them for several manifests. Problems
 * and notes go to stderr; any error prints no policy and exits 1.
 */
export function runPolicy(options: PolicyOptions, io: Io): ExitCode {
  const loaded = loadManifests(options, io);
  const problems: Problem[] = [...loaded.problems];
  const documents: PolicyDocument[] = [];
  for (const manifest of loaded.manifests) {
    const resolved = resolvePolicyTarget(manifest.key, options);
    problems.push(...resolved.problems.map((p) => ({ ...p, file: manifest.file, ...positionOf(manifest.positions, p.path) })));
    if (resolved.target) documents.push(buildPolicy(manifest.key, resolved.target));
  }
  printProblems(io, problems, options);
  if (hasErrors(problems) || documents.length === 0) return ExitCode.failure;
  const text = documents.length === 1 ? policyJson(documents[0]) : policyJsonList(documents);
  if (text.includes(ACCOUNT_ID_PLACEHOLDER)) {
    io.stderr.write(`note: ${ACCOUNT_ID_PLACEHOLDER} stands for the key's account id, known only at deploy time; pass --account-id to fill it in\n`);
  }
  if (text.includes(REGION_PLACEHOLDER)) {
    io.stderr.write(`note: ${REGION_PLACEHOLDER} stands for the key's region: set spec.region, pass --region, or set AWS_REGION\n`);
  }
  io.stdout.write(`${text}\n`);
  return ExitCode.ok;
}
