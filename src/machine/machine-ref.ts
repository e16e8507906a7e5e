import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { fail } from '../private/errors';
import { DNS1123_LABEL_ALLOWED, isDns1123Label } from '../private/names';

/**
 * A VirtualMachine that other constructs can act on: a `Machine` defined in this app, or one
 * imported by name with `Machine.fromName()`. Day-2 constructs (snapshots, restores, clones, exports,
 * snapshot schedules) take this reference, so they do not depend on how the machine is defined.
 */
export interface IMachine extends IConstruct {
  /** `metadata.name` of the VirtualMachine. */
  readonly name: string;
  /**
   * Namespace of the VirtualMachine.
   * @default - the namespace of the chart that holds the construct acting on it
   */
  readonly namespace?: string;
}

/** A VirtualMachine defined outside this app, known by name (`Machine.fromName()`). */
export class ImportedMachine extends Construct implements IMachine {
  public readonly name: string;
  public readonly namespace?: string;

  constructor(scope: Construct, id: string, name: string, namespace?: string) {
    super(scope, id);
    if (!isDns1123Label(name)) {
      fail(this, { property: 'name', problem: 'must be a VirtualMachine name', value: name, allowed: DNS1123_LABEL_ALLOWED, ruleId: 'vm-name-length' });
    }
    if (namespace !== undefined && !isDns1123Label(namespace)) {
      fail(this, { property: 'namespace', problem: 'must be a namespace name', value: namespace, allowed: DNS1123_LABEL_ALLOWED });
    }
    this.name = name;
    this.namespace = namespace ?? Chart.of(this).namespace;
  }
}
