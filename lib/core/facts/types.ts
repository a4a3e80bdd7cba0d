export type { DockerNetworkFact, HostFacts, InterfaceFact, Ipv4Fact } from './schema';
