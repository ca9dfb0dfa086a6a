import type { SourcePosition } from "../core/problem";

/**
 * Where each field of one manifest document came from, by JSON path (`spec.tags.CostCenter`,
 * `spec.replicaRegions[1]`; `""` is the document itself), so problems found after parsing
 * (defaults, validation) still point at a file and line.
 */
export type PositionIndex = ReadonlyMap<string, SourcePosition>;

/**
 * The position of `path`, or of its nearest ancestor that has one (a defaulted field points at
 * the object that lacks it), or `{}` when nothing is known.
 */
export function positionOf(index: PositionIndex, path: string): SourcePosition {
  for (let current: string | undefined = path; current !== undefined; current = parentPath(current)) {
    const found = index.get(current);
    if (found) return found;
  }
  return {};
}

/** `spec.replicaRegions[1]` → `spec.replicaRegions` → `spec` → `""` → undefined. */
export function parentPath(path: string): string | undefined {
  if (path === "") return undefined;
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut < 0 ? "" : path.slice(0, cut);
}

/** Joins a field or map key onto a path: `joinPath("spec", "tags")` → `spec.tags`. */
export function joinPath(parent: string, name: string): string {
  return parent === "" ? name : `${parent}.${name}`;
}

/** True when one path is the other or lies inside it (`spec` and `spec.alias`; `""` holds every path). */
export function pathsOverlap(a: string, b: string): boolean {
  const inside = (inner: string, outer: string): boolean =>
    outer === "" || inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return inside(a, b) || inside(b, a);
}

/** True when `path` overlaps any of `paths`. */
export function overlapsAny(path: string, paths: readonly string[]): boolean {
  return paths.some((other) => pathsOverlap(path, other));
}
