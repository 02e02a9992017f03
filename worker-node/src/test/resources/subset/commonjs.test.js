'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const { sum } = require('./sum');

test('sums', () => {
    assert.strictEqual(sum(1, 2), 3);
    assert.ok(fs.existsSync(__filename));
    assert.deepStrictEqual(process.argv.length > 0, true);
});

module.exports = { sum };
