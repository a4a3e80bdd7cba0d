export type { DockerNetworkFact, HostFacts, InterfaceFact, Ipv4Fact } from './schema';
export type { InterfaceType } from './interface-type';
