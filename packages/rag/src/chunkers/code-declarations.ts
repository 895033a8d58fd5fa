/** Languages the code chunker knows the top-level structure of. */
export type CodeLanguage =
  | 'typescript'
  | 'javascript'
  | 'python'
  | 'go'
  | 'rust'
  | 'java'
  | 'csharp';

interface LanguageRules {
  /** A line (unindented) that starts a top-level declaration. */
  declaration: RegExp;
  /** Lines directly above a declaration that belong to it (comments, decorators, attributes). */
  attached: RegExp;
}

const cLikeComment = /^\s*(?:\/\/|\/\*|\*|@)/;

const rules: Record<CodeLanguage, LanguageRules> = {
  typescript: {
    declaration:
      /^(?:export\s+(?:default\s+)?)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\b|class\b|interface\b|type\b|enum\b|const\b|let\b|var\b|namespace\b|module\b)|^export\b/,
    attached: cLikeComment,
  },
  javascript: {
    declaration:
      /^(?:export\s+(?:default\s+)?)?(?:async\s+)?(?:function\b|class\b|const\b|let\b|var\b)|^export\b/,
    attached: cLikeComment,
  },
  python: {
    declaration: /^(?:async\s+def|def|class)\b|^if\s+__name__\b/,
    attached: /^(?:@|#)/,
  },
  go: { declaration: /^(?:func|type|var|const)\b/, attached: /^\s*\/\// },
  rust: {
    declaration:
      /^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?(?:fn|struct|enum|trait|impl|mod|const|static|type|macro_rules!)\b/,
    attached: /^(?:\s*\/\/|#\[|#!\[)/,
  },
  java: {
    declaration:
      /^(?:public|private|protected|abstract|final|static|sealed|\s)*\s*(?:class|interface|enum|record|@interface)\b/,
    attached: cLikeComment,
  },
  csharp: {
    declaration:
      /^(?:public|private|protected|internal|abstract|sealed|static|partial|\s)*\s*(?:class|interface|enum|struct|record|namespace)\b/,
    attached: /^\s*(?:\/\/|\/\*|\*|\[)/,
  },
};

/** The language names the code chunker accepts. */
export const codeLanguages = Object.keys(rules) as CodeLanguage[];

/**
 * Offsets where top-level declarations start (with their comments and decorators), found by
 * lines: a declaration is an unindented line that the language's rule recognises.
 */
export function declarationStarts(text: string, language: CodeLanguage): number[] {
  const { declaration, attached } = rules[language];
  const starts: number[] = [];
  // Where the run of comment/decorator lines just above the current line began.
  let attachedStart: number | undefined;
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(lineStart, lineEnd);
    if (declaration.test(line)) {
      const start = attachedStart ?? lineStart;
      if (start > 0 && starts[starts.length - 1] !== start) starts.push(start);
      attachedStart = undefined;
    } else if (attached.test(line)) {
      attachedStart ??= lineStart;
    } else {
      attachedStart = undefined;
    }
    lineStart = lineEnd;
  }
  return starts;
}
