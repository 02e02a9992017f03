// EdgeCoder: the runtime of a pre-started JavaScript sandbox. It starts before any job is known,
// loads node's test runner, says it is ready on standard output, then reads one job from standard
// input (the CPU seconds, the test file, the files), writes the files into the workspace as the
// cold path's tar would, lowers its CPU limit to the job's, and runs the test file as
// `node --test --test-reporter=tap <test>` does: through the same runner, which starts the test
// file in a fresh node process of its own, with the same options and the TAP reporter on standard
// output. Anything wrong before the job's code runs ends the process with 117 and a line starting
// 'edgecoder-warm: ' on standard error: the worker then runs the job cold.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { run } = require('node:test');
const { tap } = require('node:test/reporters');

function fail(why) {
  fs.writeSync(2, 'edgecoder-warm: ' + why + '\n');
  process.exit(117);
}

function readAll() {
  const chunks = [];
  const buf = Buffer.alloc(1 << 16);
  for (;;) {
    let n;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if (e.code === 'EAGAIN') {
        continue;
      }
      throw e;
    }
    if (n === 0) {
      return Buffer.concat(chunks);
    }
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
}

function fields(data) {
  const out = [];
  let pos = 0;
  while (pos < data.length) {
    const colon = data.indexOf(0x3a, pos);
    const len = Number(data.subarray(pos, colon).toString('ascii'));
    if (colon < 0 || !Number.isSafeInteger(len) || len < 0 || colon + 1 + len > data.length) {
      throw new Error('truncated job');
    }
    out.push(data.subarray(colon + 1, colon + 1 + len));
    pos = colon + 1 + len;
  }
  return out;
}

function write(file, content) {
  if (!file || file.startsWith('/') || file.split('/').includes('..') || file.includes('\0')) {
    throw new Error('bad path');
  }
  const parent = path.dirname(file);
  if (parent !== '.') {
    fs.mkdirSync(parent, { recursive: true });
  }
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o644);
  try {
    let off = 0;
    while (off < content.length) {
      off += fs.writeSync(fd, content, off);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.utimesSync(file, fs.statSync(file).atime, 0);
}

function prepare() {
  const f = fields(readAll());
  if (f.length < 4 || f.length % 2) {
    throw new Error('bad job');
  }
  const cpu = Number(f[0].toString('ascii'));
  const test = f[1].toString('utf8');
  for (let i = 2; i < f.length; i += 2) {
    write(f[i].toString('utf8'), f[i + 1]);
  }
  if (!fs.statSync(test).isFile()) {
    throw new Error('test is not a file');
  }
  // node cannot lower its own rlimits; prlimit does it for this process, whose children inherit it.
  execFileSync('/usr/bin/prlimit', ['--pid', String(process.pid), `--cpu=${cpu}:${cpu + 1}`], { stdio: 'ignore' });
  return path.resolve(test);
}

let file;
try {
  fs.writeSync(1, 'edgecoder-warm-ready\n');
  file = prepare();
  // The runner passes the parent's options on to the test process: those of `node --test --test-reporter=tap` filter to none.
  process.execArgv.length = 0;
} catch (e) {
  fail(e && e.code ? e.code : (e && e.message ? e.message : 'error'));
}
// As node's own `--test` entry point: concurrency true, no timeout, a failing test (not a todo) sets exit code 1.
run({ concurrency: true, timeout: Infinity, files: [file] })
  .on('test:fail', (data) => {
    if (data.todo === undefined || data.todo === false) {
      process.exitCode = 1;
    }
  })
  .compose(tap).pipe(process.stdout);
