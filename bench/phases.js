// Phase breakdown of the library variant in one fresh process (development aid):
//   node bench/phases.js [N] [LIB_DIR]
// Phase timing of the library variant (no profiler).
const { load, build } = require('./workload');
const libDir = require('path').resolve(process.argv[3] || __dirname + '/../lib');
const m = load('library', libDir);
const n = Number(process.argv[2] || 1000);
const rules = require(libDir + '/rules');
const cdk8s = m.cdk8s;
const acc = {};
const wrap = (obj, name, label) => { const f = obj[name]; obj[name] = function (...a) { const t = process.hrtime.bigint(); try { return f.apply(this, a); } finally { acc[label] = (acc[label] || 0) + Number(process.hrtime.bigint() - t) / 1e6; } }; };
wrap(rules, 'checkManifest', 'checkManifest');
wrap(cdk8s.ApiObject.prototype, 'toJson', 'ApiObject.toJson (all calls)');
wrap(cdk8s.Yaml, 'stringify', 'Yaml.stringify (cloud-init + final)');
wrap(m.lib.CloudInit, 'fromConfig', 'CloudInit.fromConfig');
wrap(cdk8s.App.prototype, 'synthYaml', 'synthYaml');
const t = process.hrtime.bigint();
build('library', m, n);
const total = Number(process.hrtime.bigint() - t) / 1e6;
console.log({ total, ...acc });
