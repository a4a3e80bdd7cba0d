/**
 * edgenet as a library: the constructs, and what turns a config and host facts into the
 * model they take. A separate cdktf app can do what `edgenet synth` does:
 *
 *   const model = resolveModel(validateConfig(rawConfig), facts);
 *   new EdgeStack(app, model.stack, { model });
 */
export * from '../constructs';
export { validateConfig } from './core/config/validate';
export type { ValidConfig, ValidRuntime, ValidVnic, ValidPort } from './core/config/validate';
export { configJsonSchema, EdgeConfigSchema } from './core/config/schema';
export type { EdgeConfigFile, NetworkMode } from './core/config/schema';
export { parseConfigText } from './core/config/parse-text';
export { EdgenetError, ValidationError } from './core/errors';
export type { Problem } from './core/errors';
export { checkFacts } from './core/facts/check';
export type { HostFacts, InterfaceFact, InterfaceType, Ipv4Fact, DockerNetworkFact } from './core/facts/types';
export { resolveModel } from './core/model/resolve';
export type { EdgeModel, LanPlan, RuntimePlan, VnicPlan } from './core/model/types';
export { Ipv4Address, MacAddress, Subnet } from './core/values';
export { lockSynthesizedStack, synthesize } from './app/synth';
export type { SynthesizedStack } from './app/synth';
