#!/usr/bin/env node
// Compiles contracts/src/*.sol and contracts/test/*.sol with the solc-js version pinned in
// package.json and writes <Contract>.abi and <Contract>.bin for every deployable contract.
//
//   node build.js [outDir]                      (default: ./build)
//   node build.js --one FILE.sol CONTRACT        print CONTRACT's bytecode compiled from FILE.sol alone
//
// The output is deterministic (sorted sources, fixed settings), so the committed artifacts can be
// checked for freshness by rebuilding into a temporary directory (see fresh_test.go).
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

// go-ethereum's simulated backend and Filecoin's FEVM both run Cancun, which also gives us
// transient storage and MCOPY; newer targets would not run on FEVM.
const EVM_VERSION = 'cancun';
const SOURCE_DIRS = ['src', 'test'];

const root = __dirname;
const outDir = path.resolve((process.argv[2] !== '--one' && process.argv[2]) || path.join(root, 'build'));

function sources() {
  const out = {};
  for (const dir of SOURCE_DIRS) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const name of fs.readdirSync(abs).filter((f) => f.endsWith('.sol')).sort()) {
      out[`${dir}/${name}`] = { content: fs.readFileSync(path.join(abs, name), 'utf8') };
    }
  }
  return out;
}

// Imports are remapped to node_modules/ (settings.remappings); only files below it are served.
function findImports(p) {
  const abs = path.resolve(root, p);
  if (!abs.startsWith(path.join(root, 'node_modules') + path.sep)) {
    return { error: `import outside node_modules: ${p}` };
  }
  try {
    return { contents: fs.readFileSync(abs, 'utf8') };
  } catch (e) {
    return { error: `${p}: ${e.message}` };
  }
}

// Compiler settings shared by every build (bench_test.go compiles per-K verifiers with them).
const SETTINGS = {
  evmVersion: EVM_VERSION,
  optimizer: { enabled: true, runs: 200 },
  // The IR pipeline avoids stack-too-deep in createOrder's twelve-field event.
  viaIR: true,
  remappings: ['@openzeppelin/=node_modules/@openzeppelin/'],
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

// compile compiles {unit: {content}} sources and returns solc's output, exiting on errors.
function compile(srcs) {
  const input = { language: 'Solidity', sources: srcs, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  let failed = false;
  for (const e of output.errors || []) {
    process.stderr.write(e.formattedMessage || e.message);
    if (e.severity === 'error') failed = true;
  }
  if (failed) process.exit(1);
  return output;
}

function main() {
  const srcs = sources();
  const output = compile(srcs);
  fs.mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const unit of Object.keys(srcs)) {
    for (const [name, c] of Object.entries(output.contracts[unit] || {})) {
      // Interfaces and abstract contracts have no bytecode and nothing to deploy.
      if (!c.evm.bytecode.object) continue;
      fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(c.abi, null, 2) + '\n');
      fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object + '\n');
      written.push(name);
    }
  }
  process.stdout.write(`solc ${solc.version()} (${EVM_VERSION}): ${written.join(', ')} -> ${outDir}\n`);
}

// `node build.js --one FILE.sol CONTRACT` prints CONTRACT's creation bytecode (hex) compiled
// from FILE.sol alone with the settings above: bench_test.go uses it for verifiers of other Ks.
if (process.argv[2] === '--one') {
  const file = process.argv[3];
  const name = process.argv[4];
  const out = compile({ [path.basename(file)]: { content: fs.readFileSync(file, 'utf8') } });
  const c = (out.contracts[path.basename(file)] || {})[name];
  if (!c || !c.evm.bytecode.object) {
    process.stderr.write(`${name} not found in ${file}\n`);
    process.exit(1);
  }
  process.stdout.write(c.evm.bytecode.object + '\n');
} else {
  main();
}
