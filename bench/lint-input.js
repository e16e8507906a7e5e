#!/usr/bin/env node
'use strict';
// A multi-document stream of N KubeVirt VirtualMachines for benchmarking `lint` and `report` (and for
// any other reader of large inputs). Deterministic: the same N gives the same bytes.
//
//   node bench/lint-input.js N [OUT]        writes the stream to OUT (default: stdout)
//   node bench/lint-input.js --mb 50 [OUT]  as many VMs as fit in about 50 MB
//
// Each VM is valid for `cdk8s-kubevirt lint` (0 findings): namespace team-<i % 10>, a DataVolume template
// (HTTP import, 30Gi), root and data disks, cloud-init, the pod network plus a multus NIC, unquoted
// `model: virtio` and quantities, as people write them by hand. About 2.6 KB per VM.
// Also usable as a module: `require('./lint-input').vm(i)` gives one document, `stream(n)` all of them.
const fs = require('fs');

function vm(i) {
  const name = `vm-${String(i).padStart(5, '0')}`;
  return `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: team-${i % 10}
  labels:
    app.kubernetes.io/managed-by: bench
    fleet.example.com/shard: "${i % 16}"
spec:
  runStrategy: Always
  dataVolumeTemplates:
    - metadata:
        name: ${name}-root
      spec:
        source:
          http:
            url: https://images.example.com/fedora-41.qcow2
        storage:
          storageClassName: fast
          accessModes:
            - ReadWriteOnce
          resources:
            requests:
              storage: 30Gi
  template:
    metadata:
      labels:
        kubevirt.io/domain: ${name}
    spec:
      domain:
        cpu:
          cores: ${1 + (i % 4)}
        memory:
          guest: ${2 + (i % 3) * 2}Gi
        devices:
          disks:
            - name: root
              disk:
                bus: virtio
            - name: data
              disk:
                bus: virtio
            - name: cloudinitdisk
              disk:
                bus: virtio
          interfaces:
            - name: default
              masquerade: {}
              model: virtio
            - name: vlan
              bridge: {}
              model: virtio
        resources:
          requests:
            memory: ${2 + (i % 3) * 2}Gi
      networks:
        - name: default
          pod: {}
        - name: vlan
          multus:
            networkName: vlan-100
      volumes:
        - name: root
          dataVolume:
            name: ${name}-root
        - name: data
          persistentVolumeClaim:
            claimName: ${name}-data
        - name: cloudinitdisk
          cloudInitNoCloud:
            userData: |
              #cloud-config
              hostname: ${name}
              users:
                - name: ops
                  sudo: ALL=(ALL) NOPASSWD:ALL
                  shell: /bin/bash
                  ssh_authorized_keys:
                    - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA ops@example.com
              packages:
                - qemu-guest-agent
                - curl
`;
}

function* stream(n) {
  for (let i = 0; i < n; i++) yield `${i === 0 ? '' : '---\n'}${vm(i)}`;
}

module.exports = { vm, stream };

if (require.main === module) {
  const args = process.argv.slice(2);
  let n;
  if (args[0] === '--mb') {
    n = Math.floor((Number(args[1]) * 1e6) / Buffer.byteLength(`---\n${vm(0)}`));
    args.splice(0, 2);
  } else {
    n = Number(args.shift());
  }
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write('usage: node bench/lint-input.js N [OUT] | --mb MB [OUT]\n');
    process.exit(2);
  }
  const fd = args[0] ? fs.openSync(args[0], 'w') : 1;
  let buf = '';
  for (const doc of stream(n)) {
    buf += doc;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  if (fd !== 1) fs.closeSync(fd);
}
