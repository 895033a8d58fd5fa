import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { catalogDate, defaultModels } from './catalog-data.js';
import { createModelCatalog, getModelInfo } from './model-catalog.js';
import type { ModelInfo } from './model-info.js';

const llama: ModelInfo = {
  id: 'llama3.2',
  provider: 'ollama',
  kind: 'chat',
  contextWindow: 131_072,
  pricing: { inputPerMillion: 0, outputPerMillion: 0 },
};

describe('getModelInfo', () => {
  it('knows current OpenAI and Anthropic models with limits, encoding and prices', () => {
    expect(getModelInfo('gpt-4o')).toMatchObject({
      provider: 'openai',
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      encoding: 'o200k_base',
      pricing: { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
    });
    expect(getModelInfo('claude-sonnet-4-5')).toMatchObject({
      provider: 'anthropic',
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      pricing: { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3 },
    });
    expect(getModelInfo('claude-sonnet-4-5')?.encoding).toBeUndefined();
    for (const id of ['gpt-4.1-nano', 'o3', 'o4-mini', 'gpt-5-mini', 'text-embedding-3-small']) {
      expect(getModelInfo(id)?.id).toBe(id);
    }
    expect(catalogDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('maps dated snapshots and aliases to their model, never a longer id to a shorter one', () => {
    expect(getModelInfo('gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
    expect(getModelInfo('gpt-4o-mini-2024-07-18')?.id).toBe('gpt-4o-mini');
    expect(getModelInfo('claude-sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
    expect(getModelInfo('claude-3-5-haiku-latest')?.id).toBe('claude-3-5-haiku');
    expect(getModelInfo('claude-opus-4-20250514')?.id).toBe('claude-opus-4-0');
    expect(getModelInfo('gpt-4o-audio-preview')).toBeUndefined();
    expect(getModelInfo('gpt-4o-2024')).toBeUndefined();
    expect(getModelInfo('no-such-model')).toBeUndefined();
  });

  it('has sane numbers in every default entry', () => {
    for (const info of defaultModels) {
      expect(info.contextWindow, info.id).toBeGreaterThan(0);
      expect(info.pricing.inputPerMillion, info.id).toBeGreaterThan(0);
      if (info.kind === 'chat') {
        expect(info.pricing.outputPerMillion, info.id).toBeGreaterThan(
          info.pricing.inputPerMillion,
        );
        expect(info.maxOutputTokens, info.id).toBeLessThan(info.contextWindow);
      }
      if (info.pricing.cachedInputPerMillion !== undefined) {
        expect(info.pricing.cachedInputPerMillion, info.id).toBeLessThan(
          info.pricing.inputPerMillion,
        );
      }
    }
  });
});

describe('createModelCatalog', () => {
  it('adds your models on top of the defaults without changing the default catalog', () => {
    const catalog = createModelCatalog([llama]);
    expect(catalog.get('llama3.2')?.contextWindow).toBe(131_072);
    expect(catalog.get('gpt-4o')?.id).toBe('gpt-4o');
    expect(getModelInfo('llama3.2')).toBeUndefined();
  });

  it('lets an entry replace a default one, and `with` extend a catalog', () => {
    const discounted = createModelCatalog([
      {
        ...(getModelInfo('gpt-4o') as ModelInfo),
        pricing: { inputPerMillion: 1, outputPerMillion: 4 },
      },
    ]);
    expect(discounted.get('gpt-4o-2024-08-06')?.pricing.inputPerMillion).toBe(1);
    const more = discounted.with([llama]);
    expect(more.get('llama3.2')).toBeDefined();
    expect(more.get('gpt-4o')?.pricing.inputPerMillion).toBe(1);
    expect(discounted.get('llama3.2')).toBeUndefined();
  });

  it('can start from no defaults at all', () => {
    const own = createModelCatalog([llama], { base: [] });
    expect(own.list().map((info) => info.id)).toEqual(['llama3.2']);
  });

  it('refuses an entry with a negative price or no context window, naming the field', () => {
    const bad = {
      ...llama,
      contextWindow: 0,
      pricing: { inputPerMillion: -1, outputPerMillion: 0 },
    };
    expect(() => createModelCatalog([bad])).toThrow(ValidationError);
    expect(() => createModelCatalog([bad])).toThrow(/0\.contextWindow: must be a positive integer/);
    expect(() => createModelCatalog([bad])).toThrow(
      /pricing\.inputPerMillion: must be a finite number >= 0, got -1/,
    );
  });
});
