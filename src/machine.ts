import { ApiObject, Names, Size } from 'cdk8s';
import { Construct } from 'constructs';
import * as kubevirt from './imports/kubevirt.io';

/**
 * Properties of a {@link Machine}.
 */
export interface MachineProps {
  /**
   * Container image that holds the root disk.
   * @default 'quay.io/containerdisks/fedora:41'
   */
  readonly image?: string;

  /**
   * Virtual CPU cores.
   * @default 1
   */
  readonly cores?: number;

  /**
   * Guest memory.
   * @default Size.gibibytes(2)
   */
  readonly memory?: Size;
}

/**
 * One KubeVirt VirtualMachine.
 */
export class Machine extends Construct {
  /** The generated VirtualMachine object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachineProps = {}) {
    super(scope, id);
    const memory = props.memory ?? Size.gibibytes(2);
    this.apiObject = new kubevirt.VirtualMachine(this, 'Resource', {
      metadata: { name: Names.toDnsLabel(this) },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: {
              cpu: { cores: props.cores ?? 1 },
              memory: { guest: kubevirt.VirtualMachineSpecTemplateSpecDomainMemoryGuest.fromString(`${memory.toMebibytes()}Mi`) },
              devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] },
            },
            volumes: [{ name: 'root', containerDisk: { image: props.image ?? 'quay.io/containerdisks/fedora:41' } }],
          },
        },
      },
    });
  }
}
