import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import type { JSONSchema } from '../types/tools.js';
import { objectJsonSchema } from './object-schema.js';
import { dropNullOptionals, toStrictJsonSchema } from './strict-json-schema.js';

const jsonOf = (schema: z.ZodType): JSONSchema => objectJsonSchema(schema);

describe('toStrictJsonSchema', () => {
  it('closes every object, requires every property and makes optional ones nullable', () => {
    const schema = jsonOf(
      z.object({
        title: z.string(),
        notes: z.string().optional(),
        tags: z.array(z.object({ name: z.string(), weight: z.number().optional() })),
        kind: z.enum(['a', 'b']).optional(),
        nested: z.object({ id: z.string() }).optional(),
      }),
    );
    const { schema: strict } = toStrictJsonSchema(schema);
    expect(strict).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['title', 'notes', 'tags', 'kind', 'nested'],
      properties: {
        title: { type: 'string' },
        notes: { type: ['string', 'null'] },
        kind: { type: ['string', 'null'], enum: ['a', 'b', null] },
        nested: { type: ['object', 'null'], additionalProperties: false, required: ['id'] },
        tags: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'weight'],
            properties: { weight: { type: ['number', 'null'] } },
          },
        },
      },
    });
  });

  it('turns oneOf into anyOf and leaves out constraints strict mode lacks, with a warning', () => {
    const schema = jsonOf(
      z.object({
        shape: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('circle'), radius: z.number() }),
          z.object({ kind: z.literal('square'), side: z.number() }),
        ]),
        code: z.string().min(2).max(8),
        size: z.string().default('m'),
      }),
    );
    const { schema: strict, warnings } = toStrictJsonSchema(schema);
    const properties = strict.properties as Record<string, JSONSchema>;
    expect(properties.shape?.anyOf).toHaveLength(2);
    expect(properties.shape).not.toHaveProperty('oneOf');
    expect(properties.code).toEqual({ type: 'string' });
    expect(properties.size).toEqual({ type: ['string', 'null'] });
    expect(warnings.map((warning) => warning.message).join('\n')).toMatch(
      /minLength at properties\.code[\s\S]*default at properties\.size/,
    );
  });

  it('refuses records, tuples and untyped values with a ValidationError that names them', () => {
    const schema = jsonOf(
      z.object({
        scores: z.record(z.string(), z.number()),
        pair: z.tuple([z.string(), z.number()]),
        anything: z.unknown(),
      }),
    );
    let caught: unknown;
    try {
      toStrictJsonSchema(schema);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const error = caught as ValidationError;
    expect(error.message).toMatch(/properties\.scores: objects with arbitrary keys/);
    expect(error.message).toMatch(/properties\.pair: prefixItems \(tuples\)/);
    expect(error.message).toMatch(/properties\.anything: a schema without a type/);
    expect(error.message).toMatch(/mode: 'tool'/);
    expect(error.issues.map((issue) => issue.path.join('.'))).toContain('schema.properties.scores');
  });

  it('keeps recursive schemas ($ref "#") usable', () => {
    const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const { schema: strict } = toStrictJsonSchema(jsonOf(Node));
    expect(strict).toMatchObject({
      properties: { children: { type: 'array', items: { $ref: '#' } } },
      additionalProperties: false,
    });
  });
});

describe('dropNullOptionals', () => {
  it('removes nulls of optional properties at any depth, and keeps nulls the schema allows', () => {
    const schema = jsonOf(
      z.object({
        notes: z.string().optional(),
        maybe: z.string().nullable().optional(),
        required: z.string().nullable(),
        items: z.array(z.object({ qty: z.number().optional() })),
      }),
    );
    const restored = dropNullOptionals(
      { notes: null, maybe: null, required: null, items: [{ qty: null }, { qty: 2 }] },
      schema,
      schema,
    );
    expect(restored).toEqual({ maybe: null, required: null, items: [{}, { qty: 2 }] });
    expect(Object.hasOwn(restored as object, 'notes')).toBe(false);
  });

  it('follows union branches and $refs', () => {
    const Node: z.ZodType<{ name: string; note?: string; children: unknown[] }> = z.object({
      name: z.string(),
      note: z.string().optional(),
      get children() {
        return z.array(Node);
      },
    });
    const schema = jsonOf(
      z.object({
        tree: Node,
        shape: z.union([
          z.object({ radius: z.number(), label: z.string().optional() }),
          z.object({ side: z.number(), label: z.string().optional() }),
        ]),
      }),
    );
    const restored = dropNullOptionals(
      {
        tree: { name: 'a', note: null, children: [{ name: 'b', note: null, children: [] }] },
        shape: { side: 2, label: null },
      },
      schema,
      schema,
    );
    expect(restored).toEqual({
      tree: { name: 'a', children: [{ name: 'b', children: [] }] },
      shape: { side: 2 },
    });
  });
});
