type Trim<S extends string> = S extends ` ${infer Rest}`
  ? Trim<Rest>
  : S extends `${infer Rest} `
    ? Trim<Rest>
    : S;

/**
 * The variable names of a template string, at compile time: `'Explain {{topic}} to
 * {{ audience }}'` gives `'topic' | 'audience'`. An escaped `\{{name}}` is text, not a
 * variable. A template typed only as `string` gives `string`.
 */
export type TemplateVariables<Template extends string> = string extends Template
  ? string
  : Template extends `${infer Before}{{${infer Name}}}${infer Rest}`
    ? (Before extends `${string}\\` ? never : Trim<Name>) | TemplateVariables<Rest>
    : never;

/** The values a prompt needs: one string per variable. */
export type PromptVariables<Name extends string> = { [K in Name]: string };
