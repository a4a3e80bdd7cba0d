# The image edgenet's daemons run from: `edgenet netmon` (the NetworkMonitor construct, config
# `netmon.image`) and `edgenet watch`. Built from the npm package, which carries both providers
# for linux_amd64 and linux_arm64, so the watcher plans and applies without a registry:
#
#   npm pack && docker build -t edgenet:0.1.0 .
#
# The test bed builds an equivalent without a registry (scripts/testbed/image.sh).
FROM node:20-bookworm-slim

ARG TERRAFORM_VERSION=1.11.4
ARG EDGENET_PACKAGE=edgenet-0.1.0.tgz

# iproute2: netmon reads the kernel through `ip -j` and `ip monitor`. terraform: the watcher's engine.
RUN apt-get update \
 && apt-get install -y --no-install-recommends iproute2 ca-certificates curl unzip \
 && curl -fsSLo /tmp/terraform.zip \
      "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_linux_$(dpkg --print-architecture).zip" \
 && unzip /tmp/terraform.zip terraform -d /usr/local/bin \
 && rm /tmp/terraform.zip \
 && apt-get purge -y curl unzip && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*

COPY ${EDGENET_PACKAGE} /tmp/
RUN npm install -g --omit=dev --no-audit --no-fund "/tmp/${EDGENET_PACKAGE}" \
 && rm "/tmp/${EDGENET_PACKAGE}" && npm cache clean --force

# The watcher's heap flags (lib/core/daemon-flags.ts); netmon's daemon is not Node.
ENV NODE_OPTIONS=--max-semi-space-size=1
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["edgenet", "netmon", "--check"]
CMD ["edgenet", "netmon"]
