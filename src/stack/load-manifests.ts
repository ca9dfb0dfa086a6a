import type { AwsKmsKey } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { AwsKmsKeySchema } from "../../gen/project/planton/provider/aws/awskmskey/v1/api_pb";
import { create } from "@bufbuild/protobuf";
import { error, hasErrors, type Problem } from "../core/problem";
import { applyDefaults } from "../defaults/apply-defaults";
import { stackName } from "../engine/stack-name";
import { checkPolicy } from "../policy/check-policy";
import { defaultPolicyWarning } from "../policy/default-policy-warning";
import { decodeSource, type DecodedDocument } from "../manifest/decode-source";
import { parseOverrides } from "../manifest/parse-overrides";
import { pathsOverlap, positionOf, type PositionIndex } from "../manifest/position-index";
import { readSources } from "../manifest/read-sources";
import { sortProblems } from "../render/problems";
import type { ValidateReport } from "../render/validate-report";
import { capProblems } from "../validate/cap-problems";
import { checkManifestConflicts, type ManifestIdentity } from "../validate/check-manifest-conflicts";
import { canJudge } from "../validate/rule-inputs";
import { validateFieldRules, validateKey } from "../validate/validate-key";

/** Where manifests are read from: stdin for `-f -`, the directory relative paths start in, the environment. */
export interface ManifestSources {
  readonly readStdin: () => string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What the manifest flags and `--region` say, already parsed by commander. */
export interface LoadManifestsOptions {
  /** `-f` paths: files, directories, `-` for stdin. */
  readonly files: readonly string[];
  /** `--set path=value` arguments. */
  readonly set?: readonly string[];
  /** `--region`; the environment's AWS_REGION / AWS_DEFAULT_REGION are the fallbacks. */
  readonly region?: string;
  /**
   * Warn that a key without `spec.policy` gets the AWS default policy (defaultPolicyWarning); on
   * unless false: the commands that only read or remove a stack (outputs, refresh, destroy) say nothing.
   */
  readonly warnDefaultPolicy?: boolean;
}

/** A manifest that loaded, defaulted and validated without errors (it may have warnings). */
export interface Manifest {
  readonly file: string;
  /** 0-based index of the document in its file. */
  readonly index: number;
  /** `metadata.name`. */
  readonly name: string;
  /** The message with defaults applied: what every later step works on. */
  readonly key: AwsKmsKey;
  /** Where each field came from, to give later problems (policy, plan) a line. */
  readonly positions: PositionIndex;
}

/** Everything `loadManifests` found. */
export interface LoadManifestsResult {
  /** The valid manifests, in input order. */
  readonly manifests: Manifest[];
  /** Every input with its problems, valid ones included, in input order (what `validate` reports). */
  readonly reports: ValidateReport[];
  /** All problems of all inputs, flattened. Any error means some input is invalid. */
  readonly problems: Problem[];
}

/**
 * The manifest pipeline every command starts with: read the `-f` sources, parse the YAML,
 * check it against the schema, apply `--set`, apply defaults, validate. User mistakes come back
 * as problems (never thrown), each with file, line and JSON path where known.
 */
export function loadManifests(options: LoadManifestsOptions, io: ManifestSources): LoadManifestsResult {
  const reports: ValidateReport[] = [];
  const fallback = fallbackRegion(options, io.env);
  // A bad fallback region is the flag's (or variable's) mistake, reported once against it, not
  // on every manifest that would have used it; those manifests then carry no region.
  if (fallback.problems.length > 0) reports.push({ kind: "setting", file: fallback.source, name: "", problems: fallback.problems });
  const region = fallback.problems.length > 0 ? undefined : fallback.region;
  const valid: { manifest: Manifest; report: number }[] = [];
  const overrides = parseOverrides(options.set ?? [], AwsKmsKeySchema);
  if (overrides.problems.length > 0) reports.push({ kind: "setting", file: "--set", name: "", problems: overrides.problems });
  for (const read of readSources(options.files, { cwd: io.cwd, readStdin: io.readStdin }).reads) {
    if (read.kind === "unreadable") {
      reports.push({ kind: "input", file: read.problem.file ?? "", name: "", problems: [read.problem] });
      continue;
    }
    const { source } = read;
    const decoded = decodeSource(source, overrides.overrides);
    // A source's errors (broken YAML, no document) make it an invalid input of its own; its
    // warnings alone (an unknown YAML directive) go with its first manifest, which is still valid.
    const sourceFailed = hasErrors(decoded.problems);
    if (sourceFailed) reports.push({ kind: "input", file: source.file, name: "", problems: capProblems(decoded.problems, source.file) });
    decoded.documents.forEach((document, position) => {
      const checked = checkDocument(document, region, options.warnDefaultPolicy !== false);
      const sourceWarnings = position === 0 && !sourceFailed ? decoded.problems : [];
      const problems = sortProblems(sourceWarnings.concat(checked.problems));
      if (checked.manifest && !hasErrors(checked.problems)) valid.push({ manifest: checked.manifest, report: reports.length });
      reports.push({ kind: "manifest", file: document.file, name: checked.manifest?.name ?? document.name, problems: capProblems(problems, document.file) });
    });
  }
  // Manifests valid on their own may still collide with each other (one stack, one alias).
  const conflicts = checkManifestConflicts(valid.map(({ manifest }) => manifestIdentity(manifest)));
  const manifests = valid.flatMap(({ manifest, report }, index) => {
    if (conflicts[index].length === 0) return [manifest];
    const collided = reports[report];
    reports[report] = { ...collided, problems: sortProblems(collided.problems.concat(conflicts[index])) };
    return [];
  });
  return { manifests, reports, problems: reports.flatMap((report) => report.problems) };
}

/**
 * Defaults and validation for one decoded document; problems get the document's positions.
 * A document with schema errors still gets every rule that does not read a broken field, so the
 * user sees every problem at once, minus those that depend on a field that already has one.
 */
function checkDocument(document: DecodedDocument, region: string | undefined, warnDefaultPolicy: boolean): { manifest?: Manifest; problems: Problem[] } {
  if (document.key === undefined) return { problems: sortProblems(document.problems) };
  const key = applyDefaults(document.key, { region });
  const broken = document.problems.filter((problem) => problem.severity === "error").map((problem) => problem.path);
  const found = document.problems.concat(validateKey(key, broken));
  // The policy checks read the policy, the key type and the regions, and assume those are
  // valid; a mistake elsewhere (a deletion window, a tag) does not hide the policy's problems.
  const policyInputBroken = found.some((problem) => problem.severity === "error" && POLICY_INPUTS.some((path) => pathsOverlap(path, problem.path)));
  const policyProblems = policyInputBroken ? [] : checkPolicy(key);
  // A policy block written but broken (`policy: 5`, an alias to no anchor) is not "not set".
  const defaultPolicy = warnDefaultPolicy && canJudge(defaultPolicyWarning, broken) ? defaultPolicyWarning(key) : undefined;
  const all = found.concat(policyProblems, defaultPolicy ? [defaultPolicy] : []);
  const locate = (problem: Problem): Problem =>
    problem.file !== undefined ? problem : { ...problem, file: document.file, ...positionOf(document.positions, problem.path) };
  const problems = sortProblems(all.map(locate));
  if (document.problems.length > 0) return { problems };
  const manifest: Manifest = { file: document.file, index: document.index, name: key.metadata?.name ?? document.name, key, positions: document.positions };
  return { manifest, problems };
}

/** What of a manifest must be its own in a run: its stack, and its alias in each of its regions. */
function manifestIdentity(manifest: Manifest): ManifestIdentity {
  const { metadata, spec } = manifest.key;
  return {
    file: manifest.file,
    name: manifest.name,
    stack: stackName({ name: manifest.name, org: metadata?.org, env: metadata?.env, labels: metadata?.labels }),
    alias: spec?.alias ?? "",
    regions: [spec?.region ?? "", ...(spec?.replicaRegions ?? [])],
    positionOf: (path) => positionOf(manifest.positions, path),
  };
}

/** The region for manifests without `spec.region`, where it came from, and what is wrong with it. */
function fallbackRegion(
  options: LoadManifestsOptions,
  env: ManifestSources["env"],
): { region?: string; source: string; problems: Problem[] } {
  const [source, region] =
    options.region ? ["--region", options.region]
    : env.AWS_REGION ? ["AWS_REGION", env.AWS_REGION]
    : env.AWS_DEFAULT_REGION ? ["AWS_DEFAULT_REGION", env.AWS_DEFAULT_REGION]
    : ["", undefined];
  if (region === undefined) return { source, problems: [] };
  // The manifest's own rule for spec.region judges the fallback too, so both read the same.
  const probe = create(AwsKmsKeySchema, { spec: { region } });
  const problems = validateFieldRules(probe)
    .filter((problem) => problem.path === "spec.region")
    .map((problem) => error("", problem.message, { file: source }));
  return { region, source, problems };
}

/** The fields checkPolicy reads. */
const POLICY_INPUTS = ["spec.policy", "spec.keySpec", "spec.keyUsage", "spec.multiRegion", "spec.region", "spec.replicaRegions"];
