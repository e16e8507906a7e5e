/*
 * The instancetype and preference names of KubeVirt's common-instancetypes, v1.7.0
 * (github.com/kubevirt/common-instancetypes, tag v1.7.0): sizes from
 * `instancetypes/{u,o,cx,m,n,rt,d}/1/sizes.yaml` (metadata.name, spec.cpu.guest, spec.memory.guest,
 * spec.memory.hugepages.pageSize), cross-checked against the "Resources" tables of `README.md`, which
 * also lists the preference names. Regenerate by re-reading those files when the bundle changes.
 */
import { Size } from 'cdk8s';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';

/**
 * An instancetype of KubeVirt's common-instancetypes bundle (v1.7.0), deployed cluster-wide by
 * KubeVirt's operator (`VirtualMachineClusterInstancetype`).
 *
 * Use the name so that a typo fails to compile:
 * `MachineTemplate.fromInstancetype(CommonInstancetype.U1_MEDIUM.name, { preference: CommonPreference.UBUNTU.name })`.
 * `CommonInstancetype.ALL` is the size table (for reports and capacity planning).
 *
 * @see https://github.com/kubevirt/common-instancetypes
 */
export class CommonInstancetype {
  /** u1.nano: 1 vCPU, 512Mi (universal). */
  public static readonly U1_NANO = new CommonInstancetype('u1.nano', 1, Size.mebibytes(512), undefined);
  /** u1.micro: 1 vCPU, 1Gi (universal). */
  public static readonly U1_MICRO = new CommonInstancetype('u1.micro', 1, Size.gibibytes(1), undefined);
  /** u1.small: 1 vCPU, 2Gi (universal). */
  public static readonly U1_SMALL = new CommonInstancetype('u1.small', 1, Size.gibibytes(2), undefined);
  /** u1.medium: 1 vCPU, 4Gi (universal). */
  public static readonly U1_MEDIUM = new CommonInstancetype('u1.medium', 1, Size.gibibytes(4), undefined);
  /** u1.2xmedium: 2 vCPUs, 4Gi (universal). */
  public static readonly U1_2XMEDIUM = new CommonInstancetype('u1.2xmedium', 2, Size.gibibytes(4), undefined);
  /** u1.large: 2 vCPUs, 8Gi (universal). */
  public static readonly U1_LARGE = new CommonInstancetype('u1.large', 2, Size.gibibytes(8), undefined);
  /** u1.xlarge: 4 vCPUs, 16Gi (universal). */
  public static readonly U1_XLARGE = new CommonInstancetype('u1.xlarge', 4, Size.gibibytes(16), undefined);
  /** u1.2xlarge: 8 vCPUs, 32Gi (universal). */
  public static readonly U1_2XLARGE = new CommonInstancetype('u1.2xlarge', 8, Size.gibibytes(32), undefined);
  /** u1.4xlarge: 16 vCPUs, 64Gi (universal). */
  public static readonly U1_4XLARGE = new CommonInstancetype('u1.4xlarge', 16, Size.gibibytes(64), undefined);
  /** u1.8xlarge: 32 vCPUs, 128Gi (universal). */
  public static readonly U1_8XLARGE = new CommonInstancetype('u1.8xlarge', 32, Size.gibibytes(128), undefined);
  /** o1.nano: 1 vCPU, 512Mi (overcommitted). */
  public static readonly O1_NANO = new CommonInstancetype('o1.nano', 1, Size.mebibytes(512), undefined);
  /** o1.micro: 1 vCPU, 1Gi (overcommitted). */
  public static readonly O1_MICRO = new CommonInstancetype('o1.micro', 1, Size.gibibytes(1), undefined);
  /** o1.small: 1 vCPU, 2Gi (overcommitted). */
  public static readonly O1_SMALL = new CommonInstancetype('o1.small', 1, Size.gibibytes(2), undefined);
  /** o1.medium: 1 vCPU, 4Gi (overcommitted). */
  public static readonly O1_MEDIUM = new CommonInstancetype('o1.medium', 1, Size.gibibytes(4), undefined);
  /** o1.large: 2 vCPUs, 8Gi (overcommitted). */
  public static readonly O1_LARGE = new CommonInstancetype('o1.large', 2, Size.gibibytes(8), undefined);
  /** o1.xlarge: 4 vCPUs, 16Gi (overcommitted). */
  public static readonly O1_XLARGE = new CommonInstancetype('o1.xlarge', 4, Size.gibibytes(16), undefined);
  /** o1.2xlarge: 8 vCPUs, 32Gi (overcommitted). */
  public static readonly O1_2XLARGE = new CommonInstancetype('o1.2xlarge', 8, Size.gibibytes(32), undefined);
  /** o1.4xlarge: 16 vCPUs, 64Gi (overcommitted). */
  public static readonly O1_4XLARGE = new CommonInstancetype('o1.4xlarge', 16, Size.gibibytes(64), undefined);
  /** o1.8xlarge: 32 vCPUs, 128Gi (overcommitted). */
  public static readonly O1_8XLARGE = new CommonInstancetype('o1.8xlarge', 32, Size.gibibytes(128), undefined);
  /** cx1.medium: 1 vCPU, 2Gi, 2Mi hugepages (compute exclusive). */
  public static readonly CX1_MEDIUM = new CommonInstancetype('cx1.medium', 1, Size.gibibytes(2), Size.mebibytes(2));
  /** cx1.large: 2 vCPUs, 4Gi, 2Mi hugepages (compute exclusive). */
  public static readonly CX1_LARGE = new CommonInstancetype('cx1.large', 2, Size.gibibytes(4), Size.mebibytes(2));
  /** cx1.xlarge: 4 vCPUs, 8Gi, 2Mi hugepages (compute exclusive). */
  public static readonly CX1_XLARGE = new CommonInstancetype('cx1.xlarge', 4, Size.gibibytes(8), Size.mebibytes(2));
  /** cx1.2xlarge: 8 vCPUs, 16Gi, 2Mi hugepages (compute exclusive). */
  public static readonly CX1_2XLARGE = new CommonInstancetype('cx1.2xlarge', 8, Size.gibibytes(16), Size.mebibytes(2));
  /** cx1.4xlarge: 16 vCPUs, 32Gi, 2Mi hugepages (compute exclusive). */
  public static readonly CX1_4XLARGE = new CommonInstancetype('cx1.4xlarge', 16, Size.gibibytes(32), Size.mebibytes(2));
  /** cx1.8xlarge: 32 vCPUs, 64Gi, 2Mi hugepages (compute exclusive). */
  public static readonly CX1_8XLARGE = new CommonInstancetype('cx1.8xlarge', 32, Size.gibibytes(64), Size.mebibytes(2));
  /** cx1.medium1gi: 1 vCPU, 2Gi, 1Gi hugepages (compute exclusive). */
  public static readonly CX1_MEDIUM1GI = new CommonInstancetype('cx1.medium1gi', 1, Size.gibibytes(2), Size.gibibytes(1));
  /** cx1.large1gi: 2 vCPUs, 4Gi, 1Gi hugepages (compute exclusive). */
  public static readonly CX1_LARGE1GI = new CommonInstancetype('cx1.large1gi', 2, Size.gibibytes(4), Size.gibibytes(1));
  /** cx1.xlarge1gi: 4 vCPUs, 8Gi, 1Gi hugepages (compute exclusive). */
  public static readonly CX1_XLARGE1GI = new CommonInstancetype('cx1.xlarge1gi', 4, Size.gibibytes(8), Size.gibibytes(1));
  /** cx1.2xlarge1gi: 8 vCPUs, 16Gi, 1Gi hugepages (compute exclusive). */
  public static readonly CX1_2XLARGE1GI = new CommonInstancetype('cx1.2xlarge1gi', 8, Size.gibibytes(16), Size.gibibytes(1));
  /** cx1.4xlarge1gi: 16 vCPUs, 32Gi, 1Gi hugepages (compute exclusive). */
  public static readonly CX1_4XLARGE1GI = new CommonInstancetype('cx1.4xlarge1gi', 16, Size.gibibytes(32), Size.gibibytes(1));
  /** cx1.8xlarge1gi: 32 vCPUs, 64Gi, 1Gi hugepages (compute exclusive). */
  public static readonly CX1_8XLARGE1GI = new CommonInstancetype('cx1.8xlarge1gi', 32, Size.gibibytes(64), Size.gibibytes(1));
  /** m1.large: 2 vCPUs, 16Gi, 2Mi hugepages (memory intensive). */
  public static readonly M1_LARGE = new CommonInstancetype('m1.large', 2, Size.gibibytes(16), Size.mebibytes(2));
  /** m1.xlarge: 4 vCPUs, 32Gi, 2Mi hugepages (memory intensive). */
  public static readonly M1_XLARGE = new CommonInstancetype('m1.xlarge', 4, Size.gibibytes(32), Size.mebibytes(2));
  /** m1.2xlarge: 8 vCPUs, 64Gi, 2Mi hugepages (memory intensive). */
  public static readonly M1_2XLARGE = new CommonInstancetype('m1.2xlarge', 8, Size.gibibytes(64), Size.mebibytes(2));
  /** m1.4xlarge: 16 vCPUs, 128Gi, 2Mi hugepages (memory intensive). */
  public static readonly M1_4XLARGE = new CommonInstancetype('m1.4xlarge', 16, Size.gibibytes(128), Size.mebibytes(2));
  /** m1.8xlarge: 32 vCPUs, 256Gi, 2Mi hugepages (memory intensive). */
  public static readonly M1_8XLARGE = new CommonInstancetype('m1.8xlarge', 32, Size.gibibytes(256), Size.mebibytes(2));
  /** m1.large1gi: 2 vCPUs, 16Gi, 1Gi hugepages (memory intensive). */
  public static readonly M1_LARGE1GI = new CommonInstancetype('m1.large1gi', 2, Size.gibibytes(16), Size.gibibytes(1));
  /** m1.xlarge1gi: 4 vCPUs, 32Gi, 1Gi hugepages (memory intensive). */
  public static readonly M1_XLARGE1GI = new CommonInstancetype('m1.xlarge1gi', 4, Size.gibibytes(32), Size.gibibytes(1));
  /** m1.2xlarge1gi: 8 vCPUs, 64Gi, 1Gi hugepages (memory intensive). */
  public static readonly M1_2XLARGE1GI = new CommonInstancetype('m1.2xlarge1gi', 8, Size.gibibytes(64), Size.gibibytes(1));
  /** m1.4xlarge1gi: 16 vCPUs, 128Gi, 1Gi hugepages (memory intensive). */
  public static readonly M1_4XLARGE1GI = new CommonInstancetype('m1.4xlarge1gi', 16, Size.gibibytes(128), Size.gibibytes(1));
  /** m1.8xlarge1gi: 32 vCPUs, 256Gi, 1Gi hugepages (memory intensive). */
  public static readonly M1_8XLARGE1GI = new CommonInstancetype('m1.8xlarge1gi', 32, Size.gibibytes(256), Size.gibibytes(1));
  /** n1.medium: 4 vCPUs, 4Gi (network). */
  public static readonly N1_MEDIUM = new CommonInstancetype('n1.medium', 4, Size.gibibytes(4), undefined);
  /** n1.large: 4 vCPUs, 8Gi (network). */
  public static readonly N1_LARGE = new CommonInstancetype('n1.large', 4, Size.gibibytes(8), undefined);
  /** n1.xlarge: 8 vCPUs, 16Gi (network). */
  public static readonly N1_XLARGE = new CommonInstancetype('n1.xlarge', 8, Size.gibibytes(16), undefined);
  /** n1.2xlarge: 16 vCPUs, 32Gi (network). */
  public static readonly N1_2XLARGE = new CommonInstancetype('n1.2xlarge', 16, Size.gibibytes(32), undefined);
  /** n1.4xlarge: 32 vCPUs, 64Gi (network). */
  public static readonly N1_4XLARGE = new CommonInstancetype('n1.4xlarge', 32, Size.gibibytes(64), undefined);
  /** n1.8xlarge: 64 vCPUs, 128Gi (network). */
  public static readonly N1_8XLARGE = new CommonInstancetype('n1.8xlarge', 64, Size.gibibytes(128), undefined);
  /** rt1.micro: 1 vCPU, 1Gi (realtime). */
  public static readonly RT1_MICRO = new CommonInstancetype('rt1.micro', 1, Size.gibibytes(1), undefined);
  /** rt1.small: 1 vCPU, 2Gi (realtime). */
  public static readonly RT1_SMALL = new CommonInstancetype('rt1.small', 1, Size.gibibytes(2), undefined);
  /** rt1.medium: 1 vCPU, 4Gi (realtime). */
  public static readonly RT1_MEDIUM = new CommonInstancetype('rt1.medium', 1, Size.gibibytes(4), undefined);
  /** rt1.large: 2 vCPUs, 8Gi (realtime). */
  public static readonly RT1_LARGE = new CommonInstancetype('rt1.large', 2, Size.gibibytes(8), undefined);
  /** rt1.xlarge: 4 vCPUs, 16Gi (realtime). */
  public static readonly RT1_XLARGE = new CommonInstancetype('rt1.xlarge', 4, Size.gibibytes(16), undefined);
  /** rt1.2xlarge: 8 vCPUs, 32Gi (realtime). */
  public static readonly RT1_2XLARGE = new CommonInstancetype('rt1.2xlarge', 8, Size.gibibytes(32), undefined);
  /** rt1.4xlarge: 16 vCPUs, 64Gi (realtime). */
  public static readonly RT1_4XLARGE = new CommonInstancetype('rt1.4xlarge', 16, Size.gibibytes(64), undefined);
  /** rt1.8xlarge: 32 vCPUs, 128Gi (realtime). */
  public static readonly RT1_8XLARGE = new CommonInstancetype('rt1.8xlarge', 32, Size.gibibytes(128), undefined);
  /** d1.nano: 1 vCPU, 512Mi (dedicated). */
  public static readonly D1_NANO = new CommonInstancetype('d1.nano', 1, Size.mebibytes(512), undefined);
  /** d1.micro: 1 vCPU, 1Gi (dedicated). */
  public static readonly D1_MICRO = new CommonInstancetype('d1.micro', 1, Size.gibibytes(1), undefined);
  /** d1.small: 1 vCPU, 2Gi (dedicated). */
  public static readonly D1_SMALL = new CommonInstancetype('d1.small', 1, Size.gibibytes(2), undefined);
  /** d1.medium: 1 vCPU, 4Gi (dedicated). */
  public static readonly D1_MEDIUM = new CommonInstancetype('d1.medium', 1, Size.gibibytes(4), undefined);
  /** d1.2xmedium: 2 vCPUs, 4Gi (dedicated). */
  public static readonly D1_2XMEDIUM = new CommonInstancetype('d1.2xmedium', 2, Size.gibibytes(4), undefined);
  /** d1.large: 2 vCPUs, 8Gi (dedicated). */
  public static readonly D1_LARGE = new CommonInstancetype('d1.large', 2, Size.gibibytes(8), undefined);
  /** d1.xlarge: 4 vCPUs, 16Gi (dedicated). */
  public static readonly D1_XLARGE = new CommonInstancetype('d1.xlarge', 4, Size.gibibytes(16), undefined);
  /** d1.2xlarge: 8 vCPUs, 32Gi (dedicated). */
  public static readonly D1_2XLARGE = new CommonInstancetype('d1.2xlarge', 8, Size.gibibytes(32), undefined);
  /** d1.4xlarge: 16 vCPUs, 64Gi (dedicated). */
  public static readonly D1_4XLARGE = new CommonInstancetype('d1.4xlarge', 16, Size.gibibytes(64), undefined);
  /** d1.8xlarge: 32 vCPUs, 128Gi (dedicated). */
  public static readonly D1_8XLARGE = new CommonInstancetype('d1.8xlarge', 32, Size.gibibytes(128), undefined);

  /** Every instancetype of the bundle, by series then size. */
  public static readonly ALL: CommonInstancetype[] = [
    CommonInstancetype.U1_NANO,
    CommonInstancetype.U1_MICRO,
    CommonInstancetype.U1_SMALL,
    CommonInstancetype.U1_MEDIUM,
    CommonInstancetype.U1_2XMEDIUM,
    CommonInstancetype.U1_LARGE,
    CommonInstancetype.U1_XLARGE,
    CommonInstancetype.U1_2XLARGE,
    CommonInstancetype.U1_4XLARGE,
    CommonInstancetype.U1_8XLARGE,
    CommonInstancetype.O1_NANO,
    CommonInstancetype.O1_MICRO,
    CommonInstancetype.O1_SMALL,
    CommonInstancetype.O1_MEDIUM,
    CommonInstancetype.O1_LARGE,
    CommonInstancetype.O1_XLARGE,
    CommonInstancetype.O1_2XLARGE,
    CommonInstancetype.O1_4XLARGE,
    CommonInstancetype.O1_8XLARGE,
    CommonInstancetype.CX1_MEDIUM,
    CommonInstancetype.CX1_LARGE,
    CommonInstancetype.CX1_XLARGE,
    CommonInstancetype.CX1_2XLARGE,
    CommonInstancetype.CX1_4XLARGE,
    CommonInstancetype.CX1_8XLARGE,
    CommonInstancetype.CX1_MEDIUM1GI,
    CommonInstancetype.CX1_LARGE1GI,
    CommonInstancetype.CX1_XLARGE1GI,
    CommonInstancetype.CX1_2XLARGE1GI,
    CommonInstancetype.CX1_4XLARGE1GI,
    CommonInstancetype.CX1_8XLARGE1GI,
    CommonInstancetype.M1_LARGE,
    CommonInstancetype.M1_XLARGE,
    CommonInstancetype.M1_2XLARGE,
    CommonInstancetype.M1_4XLARGE,
    CommonInstancetype.M1_8XLARGE,
    CommonInstancetype.M1_LARGE1GI,
    CommonInstancetype.M1_XLARGE1GI,
    CommonInstancetype.M1_2XLARGE1GI,
    CommonInstancetype.M1_4XLARGE1GI,
    CommonInstancetype.M1_8XLARGE1GI,
    CommonInstancetype.N1_MEDIUM,
    CommonInstancetype.N1_LARGE,
    CommonInstancetype.N1_XLARGE,
    CommonInstancetype.N1_2XLARGE,
    CommonInstancetype.N1_4XLARGE,
    CommonInstancetype.N1_8XLARGE,
    CommonInstancetype.RT1_MICRO,
    CommonInstancetype.RT1_SMALL,
    CommonInstancetype.RT1_MEDIUM,
    CommonInstancetype.RT1_LARGE,
    CommonInstancetype.RT1_XLARGE,
    CommonInstancetype.RT1_2XLARGE,
    CommonInstancetype.RT1_4XLARGE,
    CommonInstancetype.RT1_8XLARGE,
    CommonInstancetype.D1_NANO,
    CommonInstancetype.D1_MICRO,
    CommonInstancetype.D1_SMALL,
    CommonInstancetype.D1_MEDIUM,
    CommonInstancetype.D1_2XMEDIUM,
    CommonInstancetype.D1_LARGE,
    CommonInstancetype.D1_XLARGE,
    CommonInstancetype.D1_2XLARGE,
    CommonInstancetype.D1_4XLARGE,
    CommonInstancetype.D1_8XLARGE,
  ];

  /** The instancetype with this name, e.g. `u1.medium`; fails for a name not in the bundle. */
  public static fromName(name: string): CommonInstancetype {
    guardCall(undefined, 'cdk8s-kubevirt.CommonInstancetype', 'fromName', [name]);
    const found = CommonInstancetype.ALL.find(i => i.name === name);
    if (!found) {
      fail('CommonInstancetype', { property: 'name', problem: 'is not in common-instancetypes v1.7.0', value: name, allowed: 'a name such as u1.medium, o1.large, cx1.xlarge, m1.large, n1.medium, rt1.small or d1.large' });
    }
    return found;
  }

  /** True when the bundle has an instancetype of this name. */
  public static isCommon(name: string): boolean {
    guardCall(undefined, 'cdk8s-kubevirt.CommonInstancetype', 'isCommon', [name]);
    return CommonInstancetype.ALL.some(i => i.name === name);
  }

  /** The series, e.g. `u1`. */
  public readonly series: string;
  /** The size, e.g. `medium`. */
  public readonly size: string;

  private constructor(
    /** `metadata.name`, e.g. `u1.medium`. */
    public readonly name: string,
    /** Guest vCPUs (`spec.cpu.guest`). */
    public readonly vcpus: number,
    /** Guest memory (`spec.memory.guest`). */
    public readonly memory: Size,
    /** Hugepage size, for series that back memory with hugepages. */
    public readonly hugepagesPageSize?: Size) {
    [this.series, this.size] = name.split('.');
  }
}

/**
 * A preference of KubeVirt's common-instancetypes bundle (v1.7.0), deployed cluster-wide
 * (`VirtualMachineClusterPreference`).
 *
 * @see https://github.com/kubevirt/common-instancetypes
 */
export class CommonPreference {
  /** alpine: Alpine. */
  public static readonly ALPINE = new CommonPreference('alpine', 'Alpine');
  /** centos.stream10: CentOS Stream 10. */
  public static readonly CENTOS_STREAM10 = new CommonPreference('centos.stream10', 'CentOS Stream 10');
  /** centos.stream10.desktop: CentOS Stream 10. */
  public static readonly CENTOS_STREAM10_DESKTOP = new CommonPreference('centos.stream10.desktop', 'CentOS Stream 10');
  /** centos.stream9: CentOS Stream 9. */
  public static readonly CENTOS_STREAM9 = new CommonPreference('centos.stream9', 'CentOS Stream 9');
  /** centos.stream9.desktop: CentOS Stream 9. */
  public static readonly CENTOS_STREAM9_DESKTOP = new CommonPreference('centos.stream9.desktop', 'CentOS Stream 9');
  /** centos.stream9.dpdk: CentOS Stream 9. */
  public static readonly CENTOS_STREAM9_DPDK = new CommonPreference('centos.stream9.dpdk', 'CentOS Stream 9');
  /** cirros: Cirros. */
  public static readonly CIRROS = new CommonPreference('cirros', 'Cirros');
  /** debian: Debian. */
  public static readonly DEBIAN = new CommonPreference('debian', 'Debian');
  /** fedora: Fedora (amd64). */
  public static readonly FEDORA = new CommonPreference('fedora', 'Fedora (amd64)');
  /** fedora.arm64: Fedora (arm64). */
  public static readonly FEDORA_ARM64 = new CommonPreference('fedora.arm64', 'Fedora (arm64)');
  /** fedora.s390x: Fedora (s390x). */
  public static readonly FEDORA_S390X = new CommonPreference('fedora.s390x', 'Fedora (s390x)');
  /** legacy: Legacy Guest. */
  public static readonly LEGACY = new CommonPreference('legacy', 'Legacy Guest');
  /** linux: Linux Guest. */
  public static readonly LINUX = new CommonPreference('linux', 'Linux Guest');
  /** linux.efi: Linux EFI Guest. */
  public static readonly LINUX_EFI = new CommonPreference('linux.efi', 'Linux EFI Guest');
  /** linux.virtiotransitional: Linux Virtio Transitional Guest. */
  public static readonly LINUX_VIRTIOTRANSITIONAL = new CommonPreference('linux.virtiotransitional', 'Linux Virtio Transitional Guest');
  /** opensuse.leap: OpenSUSE Leap. */
  public static readonly OPENSUSE_LEAP = new CommonPreference('opensuse.leap', 'OpenSUSE Leap');
  /** opensuse.tumbleweed: OpenSUSE Tumbleweed. */
  public static readonly OPENSUSE_TUMBLEWEED = new CommonPreference('opensuse.tumbleweed', 'OpenSUSE Tumbleweed');
  /** oraclelinux: Oracle Linux. */
  public static readonly ORACLELINUX = new CommonPreference('oraclelinux', 'Oracle Linux');
  /** rhel.10: Red Hat Enterprise Linux 10 (amd64). */
  public static readonly RHEL_10 = new CommonPreference('rhel.10', 'Red Hat Enterprise Linux 10 (amd64)');
  /** rhel.10.arm64: Red Hat Enterprise Linux 10 (arm64). */
  public static readonly RHEL_10_ARM64 = new CommonPreference('rhel.10.arm64', 'Red Hat Enterprise Linux 10 (arm64)');
  /** rhel.10.s390x: Red Hat Enterprise Linux 10 (s390x). */
  public static readonly RHEL_10_S390X = new CommonPreference('rhel.10.s390x', 'Red Hat Enterprise Linux 10 (s390x)');
  /** rhel.7: Red Hat Enterprise Linux 7. */
  public static readonly RHEL_7 = new CommonPreference('rhel.7', 'Red Hat Enterprise Linux 7');
  /** rhel.7.desktop: Red Hat Enterprise Linux 7. */
  public static readonly RHEL_7_DESKTOP = new CommonPreference('rhel.7.desktop', 'Red Hat Enterprise Linux 7');
  /** rhel.8: Red Hat Enterprise Linux 8. */
  public static readonly RHEL_8 = new CommonPreference('rhel.8', 'Red Hat Enterprise Linux 8');
  /** rhel.8.desktop: Red Hat Enterprise Linux 8. */
  public static readonly RHEL_8_DESKTOP = new CommonPreference('rhel.8.desktop', 'Red Hat Enterprise Linux 8');
  /** rhel.8.dpdk: Red Hat Enterprise Linux 8. */
  public static readonly RHEL_8_DPDK = new CommonPreference('rhel.8.dpdk', 'Red Hat Enterprise Linux 8');
  /** rhel.9: Red Hat Enterprise Linux 9 (amd64). */
  public static readonly RHEL_9 = new CommonPreference('rhel.9', 'Red Hat Enterprise Linux 9 (amd64)');
  /** rhel.9.arm64: Red Hat Enterprise Linux 9 (arm64). */
  public static readonly RHEL_9_ARM64 = new CommonPreference('rhel.9.arm64', 'Red Hat Enterprise Linux 9 (arm64)');
  /** rhel.9.desktop: Red Hat Enterprise Linux 9 Desktop (amd64). */
  public static readonly RHEL_9_DESKTOP = new CommonPreference('rhel.9.desktop', 'Red Hat Enterprise Linux 9 Desktop (amd64)');
  /** rhel.9.dpdk: Red Hat Enterprise Linux 9 DPDK (amd64). */
  public static readonly RHEL_9_DPDK = new CommonPreference('rhel.9.dpdk', 'Red Hat Enterprise Linux 9 DPDK (amd64)');
  /** rhel.9.realtime: Red Hat Enterprise Linux 9 Realtime (amd64). */
  public static readonly RHEL_9_REALTIME = new CommonPreference('rhel.9.realtime', 'Red Hat Enterprise Linux 9 Realtime (amd64)');
  /** rhel.9.s390x: Red Hat Enterprise Linux 9 (s390x). */
  public static readonly RHEL_9_S390X = new CommonPreference('rhel.9.s390x', 'Red Hat Enterprise Linux 9 (s390x)');
  /** sles: SUSE Linux Enterprise Server. */
  public static readonly SLES = new CommonPreference('sles', 'SUSE Linux Enterprise Server');
  /** ubuntu: Ubuntu. */
  public static readonly UBUNTU = new CommonPreference('ubuntu', 'Ubuntu');
  /** windows.10: Microsoft Windows 10. */
  public static readonly WINDOWS_10 = new CommonPreference('windows.10', 'Microsoft Windows 10');
  /** windows.10.virtio: Microsoft Windows 10 (virtio). */
  public static readonly WINDOWS_10_VIRTIO = new CommonPreference('windows.10.virtio', 'Microsoft Windows 10 (virtio)');
  /** windows.11: Microsoft Windows 11. */
  public static readonly WINDOWS_11 = new CommonPreference('windows.11', 'Microsoft Windows 11');
  /** windows.11.virtio: Microsoft Windows 11 (virtio). */
  public static readonly WINDOWS_11_VIRTIO = new CommonPreference('windows.11.virtio', 'Microsoft Windows 11 (virtio)');
  /** windows.2k12: Microsoft Windows Server 2012/2012 R2. */
  public static readonly WINDOWS_2K12 = new CommonPreference('windows.2k12', 'Microsoft Windows Server 2012/2012 R2');
  /** windows.2k12.virtio: Microsoft Windows Server 2012/2012 R2 (virtio). */
  public static readonly WINDOWS_2K12_VIRTIO = new CommonPreference('windows.2k12.virtio', 'Microsoft Windows Server 2012/2012 R2 (virtio)');
  /** windows.2k16: Microsoft Windows Server 2016. */
  public static readonly WINDOWS_2K16 = new CommonPreference('windows.2k16', 'Microsoft Windows Server 2016');
  /** windows.2k16.virtio: Microsoft Windows Server 2016 (virtio). */
  public static readonly WINDOWS_2K16_VIRTIO = new CommonPreference('windows.2k16.virtio', 'Microsoft Windows Server 2016 (virtio)');
  /** windows.2k19: Microsoft Windows Server 2019. */
  public static readonly WINDOWS_2K19 = new CommonPreference('windows.2k19', 'Microsoft Windows Server 2019');
  /** windows.2k19.virtio: Microsoft Windows Server 2019 (virtio). */
  public static readonly WINDOWS_2K19_VIRTIO = new CommonPreference('windows.2k19.virtio', 'Microsoft Windows Server 2019 (virtio)');
  /** windows.2k22: Microsoft Windows Server 2022. */
  public static readonly WINDOWS_2K22 = new CommonPreference('windows.2k22', 'Microsoft Windows Server 2022');
  /** windows.2k22.virtio: Microsoft Windows Server 2022 (virtio). */
  public static readonly WINDOWS_2K22_VIRTIO = new CommonPreference('windows.2k22.virtio', 'Microsoft Windows Server 2022 (virtio)');
  /** windows.2k25: Microsoft Windows Server 2025. */
  public static readonly WINDOWS_2K25 = new CommonPreference('windows.2k25', 'Microsoft Windows Server 2025');
  /** windows.2k25.virtio: Microsoft Windows Server 2025 (virtio). */
  public static readonly WINDOWS_2K25_VIRTIO = new CommonPreference('windows.2k25.virtio', 'Microsoft Windows Server 2025 (virtio)');
  /** windows.2k3: Microsoft Windows Server 2003. */
  public static readonly WINDOWS_2K3 = new CommonPreference('windows.2k3', 'Microsoft Windows Server 2003');
  /** windows.2k8: Microsoft Windows Server 2008/2008 R2. */
  public static readonly WINDOWS_2K8 = new CommonPreference('windows.2k8', 'Microsoft Windows Server 2008/2008 R2');
  /** windows.2k8.virtio: Microsoft Windows Server 2008/2008 R2 (virtio). */
  public static readonly WINDOWS_2K8_VIRTIO = new CommonPreference('windows.2k8.virtio', 'Microsoft Windows Server 2008/2008 R2 (virtio)');
  /** windows.7: Microsoft Windows 7. */
  public static readonly WINDOWS_7 = new CommonPreference('windows.7', 'Microsoft Windows 7');
  /** windows.7.virtio: Microsoft Windows 7 (virtio). */
  public static readonly WINDOWS_7_VIRTIO = new CommonPreference('windows.7.virtio', 'Microsoft Windows 7 (virtio)');
  /** windows.xp: Microsoft Windows XP. */
  public static readonly WINDOWS_XP = new CommonPreference('windows.xp', 'Microsoft Windows XP');

  /** Every preference of the bundle. */
  public static readonly ALL: CommonPreference[] = [
    CommonPreference.ALPINE,
    CommonPreference.CENTOS_STREAM10,
    CommonPreference.CENTOS_STREAM10_DESKTOP,
    CommonPreference.CENTOS_STREAM9,
    CommonPreference.CENTOS_STREAM9_DESKTOP,
    CommonPreference.CENTOS_STREAM9_DPDK,
    CommonPreference.CIRROS,
    CommonPreference.DEBIAN,
    CommonPreference.FEDORA,
    CommonPreference.FEDORA_ARM64,
    CommonPreference.FEDORA_S390X,
    CommonPreference.LEGACY,
    CommonPreference.LINUX,
    CommonPreference.LINUX_EFI,
    CommonPreference.LINUX_VIRTIOTRANSITIONAL,
    CommonPreference.OPENSUSE_LEAP,
    CommonPreference.OPENSUSE_TUMBLEWEED,
    CommonPreference.ORACLELINUX,
    CommonPreference.RHEL_10,
    CommonPreference.RHEL_10_ARM64,
    CommonPreference.RHEL_10_S390X,
    CommonPreference.RHEL_7,
    CommonPreference.RHEL_7_DESKTOP,
    CommonPreference.RHEL_8,
    CommonPreference.RHEL_8_DESKTOP,
    CommonPreference.RHEL_8_DPDK,
    CommonPreference.RHEL_9,
    CommonPreference.RHEL_9_ARM64,
    CommonPreference.RHEL_9_DESKTOP,
    CommonPreference.RHEL_9_DPDK,
    CommonPreference.RHEL_9_REALTIME,
    CommonPreference.RHEL_9_S390X,
    CommonPreference.SLES,
    CommonPreference.UBUNTU,
    CommonPreference.WINDOWS_10,
    CommonPreference.WINDOWS_10_VIRTIO,
    CommonPreference.WINDOWS_11,
    CommonPreference.WINDOWS_11_VIRTIO,
    CommonPreference.WINDOWS_2K12,
    CommonPreference.WINDOWS_2K12_VIRTIO,
    CommonPreference.WINDOWS_2K16,
    CommonPreference.WINDOWS_2K16_VIRTIO,
    CommonPreference.WINDOWS_2K19,
    CommonPreference.WINDOWS_2K19_VIRTIO,
    CommonPreference.WINDOWS_2K22,
    CommonPreference.WINDOWS_2K22_VIRTIO,
    CommonPreference.WINDOWS_2K25,
    CommonPreference.WINDOWS_2K25_VIRTIO,
    CommonPreference.WINDOWS_2K3,
    CommonPreference.WINDOWS_2K8,
    CommonPreference.WINDOWS_2K8_VIRTIO,
    CommonPreference.WINDOWS_7,
    CommonPreference.WINDOWS_7_VIRTIO,
    CommonPreference.WINDOWS_XP,
  ];

  private constructor(
    /** `metadata.name`, e.g. `ubuntu`. */
    public readonly name: string,
    /** The guest OS it is made for. */
    public readonly guestOs: string) {}
}
