import { describe, expect, it } from '@jest/globals';
import { exampleFor } from '../../simulators/src/schema-example.js';

describe('example values built from a schema', () => {
  it.each<{ name: string; schema: unknown; expected: unknown }>([
    { name: 'required strings become "example"', schema: { type: 'object', properties: { city: { type: 'string' }, note: { type: 'string' } }, required: ['city'] }, expected: { city: 'example' } },
    { name: 'without a required list every property is filled', schema: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'boolean' } } }, expected: { a: 1, b: true } },
    { name: 'an explicit empty required list gives an empty object', schema: { type: 'object', properties: { a: { type: 'string' } }, required: [] }, expected: {} },
    { name: 'enums take their first member', schema: { type: 'string', enum: ['celsius', 'fahrenheit'] }, expected: 'celsius' },
    { name: 'Gemini upper-case types are understood', schema: { type: 'OBJECT', properties: { n: { type: 'NUMBER' } }, required: ['n'] }, expected: { n: 1 } },
    { name: 'arrays hold one example item', schema: { type: 'array', items: { type: 'string' } }, expected: ['example'] },
    { name: 'nullable unions take the non-null type', schema: { type: ['null', 'integer'], minimum: 5 }, expected: 5 },
    { name: 'local references resolve through $defs', schema: { type: 'object', properties: { p: { $ref: '#/$defs/P' } }, required: ['p'], $defs: { P: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } } }, expected: { p: { x: 1 } } },
    { name: 'anyOf takes its first branch', schema: { anyOf: [{ type: 'boolean' }, { type: 'string' }] }, expected: true },
  ])('$name', ({ schema, expected }) => {
    expect(exampleFor(schema)).toEqual(expected);
  });
});
