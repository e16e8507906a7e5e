#!/usr/bin/env node
'use strict';
// Cost of the secret scanner (src/private/secret-scan.ts) per VirtualMachine manifest.
// Run after compiling (`npx projen compile`): `node bench/secret-scan.js [--lib PATH] [--n 2000]`.
//
// The manifest is a typical machine: a VirtualMachine with a DataVolume template, probes, labels and
// annotations, and a ~1.5 KB #cloud-config (users with SSH public keys, packages, write_files, runcmd,
// apt sources). Three cases:
//   distinct:  every VM has its own user data (no cache hits): the cold cost;
//   shared:    every VM has the same user data (pools, fleets from one template): the cached cost;
//   secret:    distinct user data that also carries base64 write_files and a Secret with 3 KB of base64 user data.
const path = require('path');

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const lib = path.resolve(arg('lib', path.join(__dirname, '..', 'lib')));
const N = Number(arg('n', '2000'));
const { scanManifest } = require(path.join(lib, 'private', 'secret-scan'));

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA';
function userData(i) {
  return [
    '#cloud-config',
    `hostname: web-${i}`,
    'users:',
    '  - name: ops',
    '    groups: [wheel, adm]',
    '    shell: /bin/bash',
    "    sudo: 'ALL=(ALL) NOPASSWD:ALL'",
    '    lock_passwd: true',
    '    ssh_authorized_keys:',
    `      - ${KEY} ops@example.com`,
    `      - ${KEY} ci@example.com`,
    'ssh_pwauth: false',
    'package_update: true',
    'packages: [nginx, qemu-guest-agent, chrony, jq, curl, htop]',
    'apt:',
    '  sources:',
    '    nginx:',
    "      source: 'deb [signed-by=/etc/apt/keyrings/nginx.gpg] https://nginx.org/packages/ubuntu noble nginx'",
    'write_files:',
    '  - path: /etc/nginx/conf.d/app.conf',
    '    permissions: "0644"',
    '    content: |',
    '      server {',
    '        listen 80;',
    `        server_name web-${i}.example.com;`,
    '        location / { proxy_pass http://127.0.0.1:8080; }',
    '      }',
    '  - path: /etc/motd',
    '    content: Welcome to the fleet. Managed by cdk8s-kubevirt; changes are overwritten.',
    'runcmd:',
    '  - systemctl enable --now qemu-guest-agent nginx',
    '  - [sh, -c, "echo ready > /run/ready"]',
    '',
  ].join('\n');
}

function vm(i, ud) {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: `web-${i}`, namespace: 'vms', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt', tier: 'web' }, annotations: { 'example.com/owner': 'team-a', 'example.com/ticket': 'OPS-1234' } },
    spec: {
      runStrategy: 'Always',
      dataVolumeTemplates: [{ metadata: { name: `web-${i}-root` }, spec: { source: { http: { url: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img' } }, storage: { resources: { requests: { storage: '20Gi' } } } } }],
      template: {
        metadata: { labels: { 'cdk8s-kubevirt/machine': `web-${i}` } },
        spec: {
          domain: {
            cpu: { cores: 2, sockets: 1, threads: 1 }, memory: { guest: '4Gi' }, firmware: { uuid: '9bcff8c5-7994-585d-bb39-975220e81c68' },
            devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }, { name: 'cloudinitdisk', disk: { bus: 'virtio' } }], interfaces: [{ name: 'default', masquerade: {} }] },
          },
          networks: [{ name: 'default', pod: {} }],
          readinessProbe: { httpGet: { port: 80, path: '/healthz', httpHeaders: [{ name: 'X-Probe', value: 'kubevirt' }] }, periodSeconds: 10 },
          livenessProbe: { exec: { command: ['cat', '/run/ready'] } },
          volumes: [{ name: 'root', dataVolume: { name: `web-${i}-root` } }, { name: 'cloudinitdisk', cloudInitNoCloud: { userData: ud } }],
        },
      },
    },
  };
}

function secretCase(i) {
  const b64 = Buffer.from(`#!/bin/sh\n# payload ${i}\n`.padEnd(600, 'x')).toString('base64');
  const ud = userData(i).replace('write_files:\n', `write_files:\n  - path: /opt/blob\n    encoding: b64\n    content: ${b64}\n`);
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: `web-${i}-cloud-init` }, data: { userdata: Buffer.from(ud + '#'.repeat(3000)).toString('base64') } };
  return [vm(i, ud), secret];
}

function time(label, manifests) {
  // Warm up the JIT on other data, then time.
  for (let i = 0; i < 200; i++) scanManifest(vm(1e6 + i, userData(1e6 + i)));
  const t0 = process.hrtime.bigint();
  let findings = 0;
  for (const m of manifests) findings += scanManifest(m).length;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const vms = manifests.filter(m => m.kind === 'VirtualMachine').length;
  console.log(`${label.padEnd(9)} ${vms} VMs (${manifests.length} objects): ${ms.toFixed(0)} ms total, ${(ms / vms).toFixed(3)} ms per VM, ${findings} findings`);
}

const shared = userData(0);
time('distinct', Array.from({ length: N }, (_, i) => vm(i, userData(i))));
time('shared', Array.from({ length: N }, (_, i) => vm(i, shared)));
time('secret', Array.from({ length: N }, (_, i) => secretCase(i)).flat());
