export { CloudInitDatasource, CloudInitDatasourceOptions, CloudInitOptions, CloudInitSecretOptions, CloudInit } from './cloud-init';
export { WriteFileEncoding, CloudInitUser, CloudInitFile, CloudConfig } from './cloud-config';
export { NetworkRoute, NetworkNameservers, NetworkEthernet } from './network-ethernet';
export { NetworkData } from './network-data';
export { SshPropagation, SshAccessCredentialOptions, AccessCredential } from './access-credential';
export { IgnitionOptions, Ignition } from './ignition';
