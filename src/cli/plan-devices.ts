/**
 * `plan`: how a change to a VM template's volumes, disks and interfaces reaches a running VM (declarative
 * volume hotplug, NIC hotplug; LIVE-UPDATE.md "Volumes and disks" and "Interfaces").
 */
import { byName, isObj, join, LIVE_UPDATE, MIGRATION, NO_RESTART_PENDING, obj, PlanEffect, same, show } from './plan-model';
function hotpluggable(volume: any): boolean {
  const v = obj(volume);
  return obj(v.dataVolume).hotpluggable === true || obj(v.persistentVolumeClaim).hotpluggable === true;
}

function claimOf(volume: any): string | undefined {
  const v = obj(volume);
  return obj(v.dataVolume).name ?? obj(v.persistentVolumeClaim).claimName;
}

/** Volumes and disks, matched by name (LIVE-UPDATE.md "Volumes and disks"). */
export function classifyVolumes(b: any, a: any, at: string, migrationStrategy: boolean, add: (e: PlanEffect) => void): void {
  const bDev = obj(obj(b.domain).devices);
  const aDev = obj(obj(a.domain).devices);
  const bVol = byName(b.volumes);
  const aVol = byName(a.volumes);
  const bDisk = byName(bDev.disks);
  const aDisk = byName(aDev.disks);
  const names = [...new Set([...bVol.keys(), ...aVol.keys(), ...bDisk.keys(), ...aDisk.keys()])].sort();
  const hotplugSource = 'pkg/storage/hotplug/hotplug.go HandleDeclarativeVolumes; pkg/storage/types/volume.go IsDeclarativeHotplugVolume; vm.go validLiveUpdateVolumes, validLiveUpdateDisks';
  const hotplugConditions = [
    'the DeclarativeHotplugVolumes feature gate is on (Beta, on by default in v1.9; off when disabled or when the deprecated HotplugVolumes gate is enabled)',
    'updateVolumesStrategy is not Migration',
    'the VMI is Running',
  ];
  for (const name of names) {
    const bv = bVol.get(name);
    const av = aVol.get(name);
    const bd = bDisk.get(name);
    const ad = aDisk.get(name);
    if (same(bv, av) && same(bd, ad)) continue;
    const p = `${join(at, 'volumes')}[${name}]`;
    const dp = `${join(join(join(at, 'domain'), 'devices'), 'disks')}[${name}]`;
    const what = !bv && !bd ? 'added' : !av && !ad ? 'removed' : 'changed';
    if (hotpluggable(bv) || hotpluggable(av)) {
      const disk = obj(ad ?? bd);
      if (bd && ad && same(bd, ad) && isObj(disk.cdrom)) {
        add({ class: 'live', path: p, message: `CD-ROM ${name}: medium ${av ? (bv ? 'swapped' : 'inserted') : 'ejected'}`, source: 'hotplug.go filterHotplugVMIDisks; vm.go validLiveUpdateDisks', conditions: hotplugConditions });
        continue;
      }
      const target = isObj(disk.lun) ? 'lun' : 'disk';
      const bus = obj(disk[target]).bus ?? (target === 'lun' ? 'scsi' : 'virtio');
      const busOk = target === 'lun' ? bus === 'scsi' : bus === 'scsi' || bus === 'virtio';
      if (!busOk) {
        add({ class: 'restart', path: dp, message: `hotpluggable ${target} ${name} on bus ${bus} cannot be hotplugged (scsi or virtio only; the VMI update webhook refuses it)`, source: 'pkg/storage/admitters/storagehotplug.go ValidateHotplugDiskConfiguration' });
      } else if (migrationStrategy) {
        add({ class: 'restart', path: p, message: `hotpluggable volume ${name} ${what}: declarative hotplug is skipped while updateVolumesStrategy is Migration`, source: hotplugSource });
      } else {
        add({ class: 'live', path: p, message: `hotpluggable volume ${name} ${what}: hotplugged into the running VM`, source: hotplugSource, conditions: hotplugConditions });
      }
      continue;
    }
    if (bv && av && same(bd, ad) && claimOf(bv) !== claimOf(av) && migrationStrategy) {
      const rest = (v: any): any => ({ ...obj(v), dataVolume: undefined, persistentVolumeClaim: undefined });
      if (same(rest(bv), rest(av))) {
        add({
          class: 'live',
          path: p,
          message: `volume ${name}: ${claimOf(bv)} → ${claimOf(av)}: storage migration`,
          source: 'vm.go handleVolumeUpdateRequest; pkg/virt-controller/watch/volume-migration',
          conditions: [LIVE_UPDATE, MIGRATION, `the destination ${claimOf(av)} exists`, NO_RESTART_PENDING],
        });
        continue;
      }
    }
    add({ class: 'restart', path: bv || av ? p : dp, message: `${bd || ad ? 'disk and ' : ''}volume ${name} ${what} (not hotpluggable): RestartRequired until the VM restarts`, source: 'vm.go validLiveUpdateVolumes, validLiveUpdateDisks, syncRestartRequired' });
  }
  delete b.volumes;
  delete a.volumes;
  delete bDev.disks;
  delete aDev.disks;
}

function bindingOf(iface: any): string {
  const i = obj(iface);
  for (const k of ['bridge', 'masquerade', 'sriov', 'passt', 'slirp', 'macvtap', 'binding']) if (i[k] !== undefined) return k;
  return 'default';
}

/** Interfaces and networks, matched by name (LIVE-UPDATE.md "Network interfaces"). */
export function classifyInterfaces(b: any, a: any, at: string, add: (e: PlanEffect) => void): void {
  const bDev = obj(obj(b.domain).devices);
  const aDev = obj(obj(a.domain).devices);
  const bIf = byName(bDev.interfaces);
  const aIf = byName(aDev.interfaces);
  const bNet = byName(b.networks);
  const aNet = byName(a.networks);
  const names = [...new Set([...bIf.keys(), ...aIf.keys(), ...bNet.keys(), ...aNet.keys()])].sort();
  for (const name of names) {
    const bi = bIf.get(name);
    const ai = aIf.get(name);
    const bn = bNet.get(name);
    const an = aNet.get(name);
    if (same(bi, ai) && same(bn, an)) continue;
    const p = `${join(join(join(at, 'domain'), 'devices'), 'interfaces')}[${name}]`;
    const binding = bindingOf(ai ?? bi);
    if (!bi && !bn && ai && an) {
      if (isObj(obj(an).multus) && (binding === 'bridge' || binding === 'sriov')) {
        add({
          class: 'live',
          path: p,
          message: `interface ${name} (${binding}) added: NIC hotplug`,
          source: 'pkg/network/controllers/vm.go applyDynamicIfaceRequestOnVMI; pkg/network/migration/evaluator.go shouldMigrateOnIfaceHotplug',
          conditions: [binding === 'sriov' ? `an SR-IOV NIC needs a live migration: ${MIGRATION}` : 'the NIC is attached in place within the dynamic-networks grace period, or the VM is migrated'],
        });
      } else if (isObj(obj(an).pod)) {
        add({ class: 'restart', path: p, message: `interface ${name} on the pod network added: RestartRequired until the VM restarts`, source: 'pkg/network/vmliveupdate/restart.go IsRestartRequired' });
      } else {
        add({ class: 'ignored', path: p, message: `interface ${name} (${binding}) added: not hotplugged, and no RestartRequired is shown; it appears at the next restart`, source: 'pkg/network/vmliveupdate/restart.go IsRestartRequired; pkg/network/controllers/vm.go applyDynamicIfaceRequestOnVMI' });
      }
      continue;
    }
    if (bi && ai && same(bn, an)) {
      const { state: bState, ...bRest } = obj(bi);
      const { state: aState, ...aRest } = obj(ai);
      if (same(bRest, aRest) && bState !== aState) {
        const source = 'pkg/network/admitter/admit.go validateInterfaceStateValue; pkg/network/controllers/vm.go applyDynamicIfaceRequestOnVMI';
        if (aState === 'absent') {
          if (binding === 'bridge' && !isObj(obj(an).pod)) {
            add({ class: 'live', path: p, message: `interface ${name} unplugged; KubeVirt then removes it and its network from the stored VM spec, so Git and the cluster differ until Git drops them too`, source: `${source}; pkg/network/controllers/vm.go clearDetachedIfacesFromVM` });
          } else {
            add({ class: 'rejected', path: p, message: `state absent on interface ${name}: the webhook allows it only for bridge binding off the pod network`, source });
          }
        } else if (binding === 'sriov') {
          add({ class: 'rejected', path: p, message: `state ${show(aState)} on SR-IOV interface ${name}: the webhook rejects link state for SR-IOV`, source });
        } else {
          add({ class: 'live', path: p, message: `interface ${name} link ${show(bState)} → ${show(aState)}`, source });
        }
        continue;
      }
    }
    if (bi && ai && same(bi, ai) && bn && an) {
      const bName = obj(obj(bn).multus).networkName;
      const aName = obj(obj(an).multus).networkName;
      const withoutNad = (n: any): any => ({ ...obj(n), multus: { ...obj(obj(n).multus), networkName: undefined } });
      if (bName !== aName && same(withoutNad(bn), withoutNad(an))) {
        add({
          class: 'live',
          path: `${join(at, 'networks')}[${name}]`,
          message: `network ${name}: ${bName} → ${aName} (NetworkAttachmentDefinition swap)`,
          source: 'pkg/network/controllers/vm.go syncNetworks; pkg/network/migration/evaluator.go isNADNameEqual',
          conditions: [MIGRATION],
        });
        continue;
      }
    }
    const what = !ai && !an ? 'removed' : 'changed';
    add({ class: 'restart', path: bi || ai ? p : `${join(at, 'networks')}[${name}]`, message: `interface ${name} ${what}: RestartRequired until the VM restarts`, source: 'pkg/network/vmliveupdate/restart.go IsRestartRequired; vm.go syncRestartRequired' });
  }
  delete bDev.interfaces;
  delete aDev.interfaces;
  delete b.networks;
  delete a.networks;
}
