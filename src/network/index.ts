export { InterfaceModel, InterfaceBinding, PortProtocol, NetworkPort, InterfaceOptions, PodNetworkOptions, MultusNetworkOptions, Network } from './network';
export { CniConfigOptions, BridgeConfigOptions, SriovLinkState, SriovConfigOptions, CustomConfigOptions, NetworkAttachmentConfig, NetworkAttachmentProps, NetworkAttachment } from './network-attachment';
