import type { Node } from 'jsonc-parser';

/**
 * Edits a JSON document as text: only the bytes of the properties being set or removed
 * change, so everything else in a file someone else owns (Claude Code's settings and
 * config) stays exactly as it was: key order, spacing, unknown keys. A new value is
 * written in the style of what it replaces (or of its neighbours), so editing a file
 * again and again never changes its size or layout.
 */
export type JsonEdit = { path: string[]; value: unknown };

/** How a document lays out its JSON. */
export interface JsonLayout {
  /** One level of indentation in a multi-line object (two spaces when it cannot tell). */
  indent: string;
  eol: string;
  /** Between a key and its value: `: ` or `:`. */
  colon: string;
  /** Between members on one line: `, ` or `,`. */
  comma: string;
}

const LEADING_WHITESPACE = /^[ \t]*/;

/** The whitespace a line starts with, for the line holding `offset`. */
function lineIndentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return LEADING_WHITESPACE.exec(text.slice(start, offset))?.[0] ?? '';
}

/** True when `offset` is the first non-blank character of its line. */
function startsItsLine(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(start, offset).trim() === '' && start > 0;
}

/**
 * The indentation unit is how far the top-level members sit in from the root: the
 * indent of the first line that holds one. (Taking the first indented line of the file
 * instead mistakes a nested member's indent for the unit, after which every edit
 * indents deeper than the last and the file grows with each.)
 */
function indentUnit(text: string, root: Node | undefined): string {
  const first = root?.type === 'object' ? root.children?.find((child) => startsItsLine(text, child.offset)) : undefined;
  const indent = first ? lineIndentAt(text, first.offset) : '';
  return indent === '' ? '  ' : indent;
}

/** `: ` or `:` and `, ` or `,`, as the given JSON text already writes them. */
function separatorsIn(text: string, fallback: { colon: string; comma: string }): { colon: string; comma: string } {
  const colon = /"\s*:( ?)\S/.exec(text);
  const comma = /[^\s,]\s*,( ?)"/.exec(text);
  return {
    colon: colon ? `:${colon[1] ?? ''}` : fallback.colon,
    comma: comma && !comma[0].includes('\n') ? `,${comma[1] ?? ''}` : fallback.comma,
  };
}

async function parseTreeOf(text: string): Promise<Node | undefined> {
  const { parseTree } = await import('jsonc-parser');
  return parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
}

/** The layout a document uses (indent unit, line ending, separators). */
export async function detectFormatting(text: string): Promise<JsonLayout> {
  return layoutOf(text, await parseTreeOf(text));
}

function layoutOf(text: string, root: Node | undefined): JsonLayout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const multiLine = text.trim().includes('\n');
  return { indent: indentUnit(text, root), eol, ...separatorsIn(text, multiLine ? { colon: ': ', comma: ',' } : { colon: ':', comma: ',' }) };
}

/** Strict JSON object check, the way Claude Code reads its files (no comments, no trailing commas). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A value on one line, with the document's separators. */
function compact(value: unknown, colon: string, comma: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => compact(v === undefined ? null : v, colon, comma)).join(comma)}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${members.map(([k, v]) => `${JSON.stringify(k)}${colon}${compact(v, colon, comma)}`).join(comma)}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A value over several lines, its inner lines indented from `base`. */
function pretty(value: unknown, layout: JsonLayout, base: string): string {
  return (JSON.stringify(value, null, layout.indent) ?? 'null').split('\n').join(`${layout.eol}${base}`);
}

function span(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/**
 * Writes `value` the way `like` (the text it replaces, or the object it goes into) is
 * written: on one line with its separators, or spread over lines below `base`.
 */
function serialize(value: unknown, like: string, layout: JsonLayout, base: string): string {
  if (like.includes('\n') && isContainer(value)) return pretty(value, layout, base);
  const { colon, comma } = separatorsIn(like, layout);
  return compact(value, colon, comma);
}

interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

function setMember(text: string, parent: Node, key: string, value: unknown, layout: JsonLayout): TextEdit {
  const members = parent.children ?? [];
  const existing = members.find((member) => member.children?.[0]?.value === key);
  const parentText = span(text, parent);
  const parentIndent = lineIndentAt(text, parent.offset);
  if (existing?.children?.[1]) {
    const old = existing.children[1];
    return { offset: old.offset, length: old.length, content: serialize(value, span(text, old), layout, lineIndentAt(text, existing.offset)) };
  }
  const multiLine = parentText.includes('\n');
  const last = members[members.length - 1];
  if (!last) {
    if (!multiLine) return { offset: parent.offset, length: parent.length, content: `{${JSON.stringify(key)}${layout.colon}${compact(value, layout.colon, layout.comma)}}` };
    const inner = parentIndent + layout.indent;
    const member = `${JSON.stringify(key)}${layout.colon}${serialize(value, '\n', layout, inner)}`;
    return { offset: parent.offset, length: parent.length, content: `{${layout.eol}${inner}${member}${layout.eol}${parentIndent}}` };
  }
  const end = last.offset + last.length;
  if (multiLine) {
    const inner = startsItsLine(text, last.offset) ? lineIndentAt(text, last.offset) : parentIndent + layout.indent;
    const member = `${JSON.stringify(key)}${layout.colon}${serialize(value, '\n', layout, inner)}`;
    return { offset: end, length: 0, content: `,${layout.eol}${inner}${member}` };
  }
  const { colon, comma } = separatorsIn(parentText, layout);
  return { offset: end, length: 0, content: `${comma}${JSON.stringify(key)}${colon}${compact(value, colon, comma)}` };
}

function removeMember(parent: Node, key: string): TextEdit | null {
  const members = parent.children ?? [];
  const index = members.findIndex((member) => member.children?.[0]?.value === key);
  const member = members[index];
  if (!member) return null;
  const end = member.offset + member.length;
  if (members.length === 1) return { offset: parent.offset, length: parent.length, content: '{}' };
  // Not the first: from the end of the one before (its comma goes); else up to the next.
  const previous = members[index - 1];
  if (previous) return { offset: previous.offset + previous.length, length: end - (previous.offset + previous.length), content: '' };
  const next = members[index + 1] as Node;
  return { offset: member.offset, length: next.offset - member.offset, content: '' };
}

function find(root: Node, path: string[]): Node | undefined {
  let node: Node | undefined = root;
  for (const key of path) {
    if (node?.type !== 'object') return undefined;
    node = node.children?.find((member) => member.children?.[0]?.value === key)?.children?.[1];
  }
  return node;
}

/**
 * Applies the edits in order; a value of `undefined` removes the property. The parser
 * is loaded on first use: only the commands that change Claude Code's files need it.
 * Returns the text unchanged when it is not a JSON object.
 */
export async function editJsonText(text: string, edits: JsonEdit[]): Promise<string> {
  let result = text.trim() === '' ? '{}\n' : text;
  for (const edit of edits) {
    const root = await parseTreeOf(result);
    if (root?.type !== 'object') return result;
    const layout = layoutOf(result, root);
    // The deepest object on the path that exists; what is missing below it is created.
    let depth = edit.path.length - 1;
    while (depth > 0 && find(root, edit.path.slice(0, depth))?.type !== 'object') depth--;
    const parent = find(root, edit.path.slice(0, depth));
    if (parent?.type !== 'object') return result;
    const key = edit.path[depth] as string;
    let value = edit.value;
    if (value === undefined && depth < edit.path.length - 1) continue;
    for (const inner of edit.path.slice(depth + 1).reverse()) value = { [inner]: value };
    const change = value === undefined ? removeMember(parent, key) : setMember(result, parent, key, value, layout);
    if (change) result = result.slice(0, change.offset) + change.content + result.slice(change.offset + change.length);
  }
  return result;
}
