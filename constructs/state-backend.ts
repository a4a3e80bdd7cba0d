import { TerraformBackend, TerraformRemoteState } from 'cdktf';
import { Construct } from 'constructs';
import { StateTarget } from '../lib/core/config/targets';

export interface StateBackendProps {
  /**
   * Terraform's backend and its options, under Terraform's own names (e.g. `pg` with `schema_name`).
   * Secrets are never options: each backend reads its standard environment variables.
   */
  readonly state: StateTarget;
}

/**
 * The stack's state backend, any of Terraform's: the options pass through as written.
 * cdktf's typed backends would ask for secrets (PgBackend needs conn_str), which must stay
 * in the environment, never in cdk.tf.json.
 */
export class StateBackend extends TerraformBackend {
  public readonly backendName: string;
  private readonly options: Readonly<Record<string, string | number | boolean>>;

  constructor(scope: Construct, props: StateBackendProps) {
    super(scope, 'backend', props.state.backend);
    this.backendName = props.state.backend;
    this.options = props.state.options;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { ...this.options };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { ...this.options };
  }

  public getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new RemoteState(scope, name, this.backendName, { ...this.options });
  }
}

/** Another stack's outputs through the same backend (cdktf's cross-stack references). */
class RemoteState extends TerraformRemoteState {
  constructor(scope: Construct, id: string, backend: string, config: Record<string, unknown>) {
    super(scope, id, backend, config);
  }
}
