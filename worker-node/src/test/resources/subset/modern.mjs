#!/usr/bin/env node
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import data from './fixture.json' with { type: 'json' };
export { helper } from './helper.js';
export const add = (a, b) => a + b;

export default class Counter {
    #count = 0;
    static created = 0;
    static { Counter.created = 0; }
    constructor(start = 0) {
        this.#count = start;
        Counter.created += 1;
    }
    get value() { return this.#count; }
    #bump() { this.#count++; }
    has(other) { return #count in other; }
    async *ticks(n) { for (let i = 0; i < n; i++) { yield i; } }
}

const { a = 1, b: [first, ...rest], ...others } = { b: [1, 2, 3], c: 4 };
const big = 2n ** 64n;
const label = `count: ${first + rest.length} of ${big}`;
const deep = others?.c?.d ?? 'none';
let total = 0;
total ||= 1;
total &&= 2;
const pattern = /(?<year>\d{4})-(?<month>\d{2})/u;
const obj = { eval: 1, global: true, evaluate: 'ok', [label]: deep, method() { return this.eval; } };

describe('counter', () => {
    test('starts at zero', async () => {
        const counter = new Counter();
        for await (const t of counter.ticks(2)) { total += t; }
        assert.equal(counter.value, 0);
        assert.equal(obj.eval, 1);
        assert.match('2024-01', pattern);
        const text = await readFile(path.join('.', 'missing'), 'utf8').catch(() => '');
        assert.equal(typeof text, 'string');
        await Promise.all([1, 2].map(async (x) => x * 2));
        process.exitCode = 0;
    });
});
