/** Text safe inside a markdown table cell: pipes escaped, line breaks as `<br>`. */
export function cell(text: string): string {
  // GFM splits cells before parsing code spans, so a pipe needs its backslash even inside one.
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** Inline code that survives backticks in the text (markdown's longer-fence rule). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A markdown table; every cell is escaped by the caller. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)];
}

/** A section folded behind its summary line (GitHub renders `<details>`). */
export function folded(summary: string, body: readonly string[]): string[] {
  return ["<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}
