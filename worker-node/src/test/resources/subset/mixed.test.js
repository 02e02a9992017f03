import test from 'node:test';
const assert = require('node:assert');

test('adds', () => {
    assert.equal(1 + 1, 2);
});
