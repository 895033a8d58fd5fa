/**
 * The tokenizers compared by `tokens.ts`, each as users call it to count: Weft's
 * `Tokenizer.count`, gpt-tokenizer's `countTokens`, js-tiktoken's `encode().length` and
 * tiktoken's (WASM) `encode().length`. Each also has a fresh-process script that imports
 * it and counts one string, for the time to a first count.
 */
export type EncodingName = 'o200k_base' | 'cl100k_base';

export interface Counter {
  count(text: string): number;
}

export interface ContenderInfo {
  key: string;
  name: string;
}

export const contenders: ContenderInfo[] = [
  { key: 'weft', name: 'Weft Tokenizer.count' },
  { key: 'gpt-tokenizer', name: 'gpt-tokenizer countTokens' },
  { key: 'tiktoken-wasm', name: 'tiktoken (WASM) encode().length' },
  { key: 'js-tiktoken', name: 'js-tiktoken encode().length' },
];

/** Loads one contender in this process. */
export async function loadCounter(
  key: string,
  encoding: EncodingName,
  weftUrl: string,
): Promise<Counter> {
  switch (key) {
    case 'weft': {
      const { getTokenizer } = (await import(weftUrl)) as {
        getTokenizer(selector: { encoding: EncodingName }): Promise<Counter>;
      };
      return getTokenizer({ encoding });
    }
    case 'gpt-tokenizer': {
      const module =
        encoding === 'o200k_base'
          ? await import('gpt-tokenizer/encoding/o200k_base')
          : await import('gpt-tokenizer/encoding/cl100k_base');
      return { count: (text) => module.countTokens(text) };
    }
    case 'js-tiktoken': {
      const { Tiktoken } = await import('js-tiktoken/lite');
      const ranks =
        encoding === 'o200k_base'
          ? (await import('js-tiktoken/ranks/o200k_base')).default
          : (await import('js-tiktoken/ranks/cl100k_base')).default;
      const tiktoken = new Tiktoken(ranks);
      return { count: (text) => tiktoken.encode(text).length };
    }
    case 'tiktoken-wasm': {
      const { get_encoding } = await import('tiktoken');
      const tiktoken = get_encoding(encoding);
      return { count: (text) => tiktoken.encode(text).length };
    }
    default:
      throw new Error(`Unknown contender ${key}`);
  }
}

/** An ES module script that imports the contender, counts one string, and prints the ms. */
export function firstCountScript(key: string, encoding: EncodingName, weftUrl: string): string {
  const text = JSON.stringify('Hello, world! How many tokens is this?');
  const body: Record<string, string> = {
    weft: `const { countTokens } = await import(${JSON.stringify(weftUrl)});
const count = await countTokens(${text}, { encoding: '${encoding}' });`,
    'gpt-tokenizer': `const { countTokens } = await import('gpt-tokenizer/encoding/${encoding}');
const count = countTokens(${text});`,
    'js-tiktoken': `const { Tiktoken } = await import('js-tiktoken/lite');
const { default: ranks } = await import('js-tiktoken/ranks/${encoding}');
const count = new Tiktoken(ranks).encode(${text}).length;`,
    'tiktoken-wasm': `const { get_encoding } = await import('tiktoken');
const count = get_encoding('${encoding}').encode(${text}).length;`,
  };
  return `const started = performance.now();
${body[key]}
process.stdout.write(JSON.stringify({ ms: performance.now() - started, count }));`;
}
