import { isRecord } from "./unknown-value";

/**
 * Splits an engine property path (`tags.team`, `tags["a.b"]`, `grants[0].name`) into its
 * segments: strings for object keys, numbers for list indexes.
 */
export function parsePropertyPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|\.?([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(match[1].replace(/\\(.)/g, "$1"));
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(match[3]);
  }
  return segments;
}

/** The value at an engine property path, or undefined where the path leads nowhere. */
export function valueAtPath(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const segment of parsePropertyPath(path)) {
    if (typeof segment === "number") value = Array.isArray(value) ? value[segment] : undefined;
    else value = isRecord(value) ? value[segment] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/** Joins a parent path and an object key the way the engine writes paths. */
export function childPath(parent: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** The top-level property a path starts with. */
export function topLevelProperty(path: string): string {
  const first = parsePropertyPath(path)[0];
  return first === undefined ? path : String(first);
}
