export * from './edge-stack';
export * from './internal-network';
export * from './macvlan-network';
export * from './network-monitor';
export * from './publish-network';
export * from './runtime-container';
export * from './state-backend';
