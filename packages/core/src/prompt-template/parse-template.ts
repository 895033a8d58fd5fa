import { ValidationError } from '../errors/errors.js';

/** A template split into literal text and variable slots. */
export type TemplatePiece = { text: string } | { variable: string };

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;
// `\{{` is an escaped, literal `{{`; `{{ name }}` is a variable.
const token = /\\\{\{|\{\{([^{}]*)\}\}|\{\{/g;

/**
 * Parses `'Explain {{topic}} to {{audience}}'` into pieces. Throws a `ValidationError` for
 * an unclosed `{{` or a name that is not an identifier. `where` names the field in errors.
 */
export function parseTemplate(template: string, where: string): TemplatePiece[] {
  if (typeof template !== 'string') {
    throw new ValidationError(`${where} must be a string.`, {
      issues: [{ path: [where], message: 'must be a string' }],
    });
  }
  const pieces: TemplatePiece[] = [];
  let text = '';
  let last = 0;
  for (const match of template.matchAll(token)) {
    text += template.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '\\{{') {
      text += '{{';
      continue;
    }
    const name = match[1]?.trim();
    if (name === undefined) {
      throw new ValidationError(
        `${where}: "{{" at character ${match.index} is not closed by "}}". Write \\{{ for a literal "{{".`,
        { issues: [{ path: [where], message: `unclosed "{{" at ${match.index}` }] },
      );
    }
    if (!variableName.test(name)) {
      throw new ValidationError(
        `${where}: "{{${match[1]}}}" is not a variable name (letters, digits and _, not starting with a digit).`,
        { issues: [{ path: [where], message: `invalid variable name "${match[1]}"` }] },
      );
    }
    if (text) pieces.push({ text });
    text = '';
    pieces.push({ variable: name });
  }
  text += template.slice(last);
  if (text) pieces.push({ text });
  return pieces;
}

/** The distinct variable names of parsed pieces, in order of first use. */
export function variablesOf(pieces: readonly TemplatePiece[]): string[] {
  const names = new Set<string>();
  for (const piece of pieces) if ('variable' in piece) names.add(piece.variable);
  return [...names];
}

/** Fills the slots; values are inserted as they are, never parsed as templates again. */
export function fillTemplate(
  pieces: readonly TemplatePiece[],
  values: Readonly<Record<string, string>>,
): string {
  let out = '';
  for (const piece of pieces) out += 'text' in piece ? piece.text : values[piece.variable];
  return out;
}
