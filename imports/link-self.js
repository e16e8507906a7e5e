// Makes node_modules/cdk8s-kubevirt a link to this repository, so the examples, their tests and the
// @example blocks import 'cdk8s-kubevirt' (its lib/) exactly as an app does. A link made here rather
// than a `file:.` devDependency: jsii-pacmak orders the packages it builds by their dependencies, and a
// package that depends on itself has no order ("Could not determine ordering between: cdk8s-kubevirt").
const fs = require('fs');
const path = require('path');

const link = path.join(__dirname, '..', 'node_modules', 'cdk8s-kubevirt');
let current;
try {
  current = fs.readlinkSync(link);
} catch {
  current = undefined;
}
if (current !== '..') {
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync('..', link, 'dir');
}
