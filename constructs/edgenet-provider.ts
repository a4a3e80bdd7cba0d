import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** Where the edgenet provider comes from: built by scripts/testbed.sh, served from a local mirror. */
export const EDGENET_PROVIDER_SOURCE = 'edgenet.dev/edgenet/edgenet';
export const EDGENET_PROVIDER_VERSION = '0.1.0';

export interface EdgenetProviderProps {
  /**
   * Docker engine URL (unix://, tcp://, ssh://).
   *
   * @default - DOCKER_HOST, else unix:///var/run/docker.sock (read by the provider, as kreuzwerker/docker does)
   */
  readonly host?: string;

  /**
   * Directory with ca.pem, cert.pem and key.pem for a tcp:// engine with TLS.
   *
   * @default - DOCKER_CERT_PATH
   */
  readonly certPath?: string;

  /**
   * Extra ssh arguments for an ssh:// engine.
   *
   * @default - none
   */
  readonly sshOpts?: readonly string[];

  /**
   * Image with busybox `ip` and `arping` that puts a vNIC's declared MAC on its link, on engines
   * that choose their own MAC on network connect (before API 1.54).
   *
   * @default - the provider's own default, busybox:1.36
   */
  readonly helperImage?: string;
}

/**
 * edgenet's own provider: network attachments that connect and disconnect a running
 * container, as `docker network connect` does, without replacing it. It reaches the engine
 * by the same rule and with the same settings as kreuzwerker/docker.
 */
export class EdgenetProvider extends TerraformProvider {
  public readonly host?: string;
  public readonly certPath?: string;
  public readonly sshOpts: readonly string[];
  public readonly helperImage?: string;

  constructor(scope: Construct, id: string, props: EdgenetProviderProps = {}) {
    super(scope, id, {
      terraformResourceType: 'edgenet',
      terraformGeneratorMetadata: { providerName: 'edgenet', providerVersion: EDGENET_PROVIDER_VERSION },
      terraformProviderSource: EDGENET_PROVIDER_SOURCE,
    });
    this.host = props.host;
    this.certPath = props.certPath;
    this.sshOpts = props.sshOpts ?? [];
    this.helperImage = props.helperImage;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      ...(this.host !== undefined ? { host: this.host } : {}),
      ...(this.certPath !== undefined ? { cert_path: this.certPath } : {}),
      ...(this.sshOpts.length > 0 ? { ssh_opts: [...this.sshOpts] } : {}),
      ...(this.helperImage !== undefined ? { helper_image: this.helperImage } : {}),
    };
  }
}
