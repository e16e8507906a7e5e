/**
 * `cdk8s-kubevirt convert` refuses secrets with the library's one scanner (src/private/secret-scan.ts, the
 * one synthesis and `lint` use), over everything it would write, and prints them redacted.
 */
import * as YAML from 'yaml';
import { runCli } from './support';

const machine = (userData: string, extra = ''): string => `apiVersion: vitistack.io/v1alpha1
kind: Machine
metadata: {name: vm${extra}}
spec:
  template: small
  cloudInit:
    userData: ${JSON.stringify(userData)}
`;

const FLOW_PASSWORD = machine('#cloud-config\n{password: hunter2}\n');
const TOKEN = 'ghp_Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVb';
const hint = (kind: string) => `no secrets in output that goes to Git: reference a Secret managed outside the app, or pass --allow-secret ${kind} (secret-${kind})`;

describe('cdk8s-kubevirt convert: secrets', () => {
  test('fails when a Viti Machine has a flow-style password in its cloud-init, and shows it redacted', () => {
    const r = runCli(['convert', '-'], FLOW_PASSWORD);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe([
      `<stdin>#1: VirtualMachine/vm: spec.template.spec.volumes[1].cloudInitNoCloud.userData holds a password (key 'password', cloud-config password): got "… (7 chars)"; ${hint('password')}`,
      'cdk8s-kubevirt convert: 1 error(s); nothing was written',
      '',
    ].join('\n'));
    expect(r.stderr).not.toContain('hunter2');
  });

  test('--allow-secret password lets the password through (and --allow-passwords, its old name)', () => {
    for (const flag of [['--allow-secret', 'password'], ['--allow-secret=token,password'], ['--allow-passwords']]) {
      const r = runCli(['convert', ...flag, '-'], FLOW_PASSWORD);
      expect(r.code).toBe(0);
      const vm = YAML.parseAllDocuments(r.stdout).map(d => d.toJS()).find(d => d?.kind === 'VirtualMachine');
      expect(vm.spec.template.spec.volumes[1].cloudInitNoCloud.userData).toBe('#cloud-config\n{password: hunter2}\n');
    }
  });

  test('opting in to one kind never allows another', () => {
    const r = runCli(['convert', '--allow-secret', 'password', '-'], machine(`#cloud-config\nruncmd: [echo ${TOKEN}]\n`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`holds a token (GitHub token, line 2): got "gh… (40 chars)"; ${hint('token')}`);
    expect(r.stderr).not.toContain(TOKEN.slice(4));
    expect(runCli(['convert', '--allow-secret', 'token', '-'], machine(`#cloud-config\nruncmd: [echo ${TOKEN}]\n`)).code).toBe(0);
  });

  test('fails when a private key is in the user data; --allow-secrets (private-key) allows it', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n';
    const input = machine(`#!/bin/sh\ncat > /root/key <<EOF\n${key}EOF\n`);
    const r = runCli(['convert', '-'], input);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holds a private key (PEM private key (OPENSSH)');
    expect(r.stderr).toContain(hint('private-key'));
    expect(r.stderr).not.toContain('b3BlbnNzaC1rZXkt');
    expect(runCli(['convert', '--allow-secrets', '-'], input).code).toBe(0);
    expect(runCli(['convert', '--allow-secret', 'private-key', '-'], input).code).toBe(0);
  });

  test('fails when a document passed through holds a secret (a Secret with stringData), and writes nothing', () => {
    const input = `${machine('#cloud-config\npackages: [nginx]\n')}---
apiVersion: v1
kind: Secret
metadata: {name: db}
stringData:
  password: Sup3rS3cretPw
`;
    const r = runCli(['convert', '-'], input);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`<stdin>#2: Secret/db: stringData.password holds a password (key 'password', value): got "Su… (13 chars)"; ${hint('password')}`);
    expect(r.stderr).not.toContain('Sup3rS3cretPw');
    expect(runCli(['convert', '--allow-secret', 'password', '-'], input).code).toBe(0);
  });

  test('fails when --allow-secret names a kind that does not exist (usage, exit 2)', () => {
    const r = runCli(['convert', '--allow-secret', 'password,passwords', '-'], FLOW_PASSWORD);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-kubevirt convert: --allow-secret takes kinds of secret, comma-separated, each one of private-key, password, token, url-credentials: got "passwords"');
  });

  test('--help documents the opt-in', () => {
    expect(runCli(['convert', '--help']).stdout).toContain('--allow-secret KIND[,KIND…]');
  });
});
