export type { DockerNetworkFact, HostFacts, InterfaceFact, Ipv4Fact, KernelFact } from './schema';
export type { InterfaceType } from './interface-type';
