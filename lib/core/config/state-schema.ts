import { z } from 'zod';
import { say } from '../errors';
import { mapping, text } from './fields';

/**
 * `state:` selects Terraform's own backend and passes its options under Terraform's own
 * names. Secrets never go in the file: each backend reads its standard environment
 * variables, and a secret option written here is refused by name.
 */

/** A secret option: refused with where it belongs instead; its value is never echoed. */
function secret(variable: string) {
  return z
    .never({
      error: () =>
        `is a secret and never goes in the config file, got (hidden); expected nothing here: set ${variable} in the environment of edgenet and the engine`,
    })
    .optional()
    .meta({ description: `secret: set ${variable} in the environment instead` });
}

const flag = (description: string) =>
  z
    .boolean({ error: (iss) => say('is not a boolean', iss.input, 'true or false') })
    .meta({ description })
    .optional();

const count = (description: string) =>
  z
    .number({ error: (iss) => say('is not a number', iss.input, 'a whole number >= 0') })
    .int({ error: (iss) => say('is not a whole number', iss.input, 'a whole number >= 0') })
    .min(0, { error: (iss) => say('is negative', iss.input, 'a whole number >= 0') })
    .meta({ description })
    .optional();

const url = (description: string) => text('an http:// or https:// URL', /^https?:\/\/\S+$/, description);
const words = (description: string) => text('a non-empty word without spaces', /^\S+$/, description);

export const STATE_BACKENDS = ['local', 'pg', 's3', 'http'] as const;
export type StateBackendName = (typeof STATE_BACKENDS)[number];

const backend = <T extends StateBackendName>(name: T) =>
  z.literal(name, { error: (iss) => say('is not a known backend', iss.input, `one of ${STATE_BACKENDS.join(', ')}`) });

export const LocalStateSchema = mapping(
  {
    backend: backend('local'),
    path: text(
      'a file path',
      /^\S+$/,
      'state file, relative to the stack directory (default: terraform.<stack>.tfstate beside the out directory)',
    ).optional(),
  },
  'a mapping with backend: local',
  'state_local',
);

export const PgStateSchema = mapping(
  {
    backend: backend('pg'),
    schema_name: words("PostgreSQL schema holding this stack's state (default edgenet_<stack>)").optional(),
    skip_schema_creation: flag('do not create the schema'),
    skip_table_creation: flag('do not create the table'),
    skip_index_creation: flag('do not create the index'),
    conn_str: secret('PG_CONN_STR'),
  },
  'a mapping with backend: pg',
  'state_pg',
);

export const S3StateSchema = mapping(
  {
    backend: backend('s3'),
    bucket: words('bucket holding the state'),
    key: text('an object key', /^\S+$/, 'object key (default edgenet/<stack>.tfstate)').optional(),
    region: words('region (S3-compatible stores accept any, e.g. us-east-1)').optional(),
    endpoint: url('endpoint of an S3-compatible store, e.g. http://127.0.0.1:9000').optional(),
    use_path_style: flag('path-style bucket addressing (most S3-compatible stores)'),
    skip_credentials_validation: flag('do not validate credentials with STS'),
    skip_region_validation: flag('accept any region name'),
    skip_requesting_account_id: flag('do not ask for the account id'),
    skip_metadata_api_check: flag('do not ask the EC2 metadata service'),
    skip_s3_checksum: flag('do not send checksums (some S3-compatible stores)'),
    encrypt: flag('server-side encryption'),
    use_lockfile: flag('lock with a lock object in the bucket'),
    dynamodb_table: words('DynamoDB table for locking').optional(),
    workspace_key_prefix: words('prefix for non-default workspaces').optional(),
    access_key: secret('AWS_ACCESS_KEY_ID'),
    secret_key: secret('AWS_SECRET_ACCESS_KEY'),
    token: secret('AWS_SESSION_TOKEN'),
  },
  'a mapping with backend: s3 and bucket',
  'state_s3',
);

export const HttpStateSchema = mapping(
  {
    backend: backend('http'),
    address: url('state URL'),
    update_method: words('HTTP method to write the state (default POST)').optional(),
    lock_address: url('lock URL').optional(),
    lock_method: words('HTTP method to lock (default LOCK)').optional(),
    unlock_address: url('unlock URL').optional(),
    unlock_method: words('HTTP method to unlock (default UNLOCK)').optional(),
    skip_cert_verification: flag('do not verify the server certificate'),
    retry_max: count('retries'),
    retry_wait_min: count('seconds before the first retry'),
    retry_wait_max: count('longest wait between retries, seconds'),
    username: secret('TF_HTTP_USERNAME'),
    password: secret('TF_HTTP_PASSWORD'),
  },
  'a mapping with backend: http and address',
  'state_http',
);

export const StateSchema = z
  .discriminatedUnion('backend', [LocalStateSchema, PgStateSchema, S3StateSchema, HttpStateSchema], {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? say(
            'has no known backend',
            (iss.input as Record<string, unknown> | undefined)?.backend,
            `backend: one of ${STATE_BACKENDS.join(', ')}`,
          )
        : say('is not a mapping', iss.input, `a mapping with backend: one of ${STATE_BACKENDS.join(', ')}`),
  })
  .meta({ description: "Terraform's backend for this stack's state, with Terraform's option names (default: local)" });

export type StateFile = z.input<typeof StateSchema>;
export type StateConfig = z.output<typeof StateSchema>;
