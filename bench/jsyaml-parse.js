#!/usr/bin/env node
'use strict';
// The parse floor for `lint` and `report` (issue 16): js-yaml `loadAll` of a whole stream, in a fresh
// process like the CLI. Prints the number of documents and of VirtualMachines, so the bench can check
// that it parsed what the CLI checks.
//   node bench/jsyaml-parse.js FILE
const fs = require('fs');
const path = require('path');

const jsyaml = require(require.resolve('js-yaml', { paths: [path.join(__dirname, '..')] }));
const docs = [];
jsyaml.loadAll(fs.readFileSync(process.argv[2], 'utf-8'), d => docs.push(d));
const vms = docs.filter(d => d && d.kind === 'VirtualMachine').length;
process.stdout.write(`${JSON.stringify({ docs: docs.length, vms })}\n`);
