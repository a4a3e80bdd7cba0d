import { Construct } from 'constructs';
import { problem, ValidationError } from '../lib/core/errors';

/** Throws a ValidationError located at the construct's path, as aws-cdk's ValidationError does. */
export function throwConstructError(scope: Construct, prop: string, what: string, got: unknown, expected: string): never {
  throw new ValidationError([problem(`${scope.node.path}.${prop}`, what, got, expected)]);
}
