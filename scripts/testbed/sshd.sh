# An sshd of the test bed's own, so that `ssh://` Docker hosts are real: `docker -H
# ssh://root@edgenet-testbed ...` (the docker CLI, the kreuzwerker provider: both run
# `ssh ... docker system dial-stdio`) reaches the test bed's dockerd.
#
#   127.0.0.1:$SSHD_PORT only, key auth only, root only; its sshd sets DOCKER_HOST to the
#   test bed's socket for every session (SetEnv).
#   .testbed/ssh/          host key, sshd_config, a throwaway client key (id_ed25519),
#                          known_hosts, and the client config of the alias
#   $SSHD_RUN              authorized_keys, pid file and log; sshd's StrictModes refuses an
#                          authorized_keys below a world-writable directory, and a checkout
#                          may well live in /tmp
#   ~/.ssh/config          gets `Include .testbed/ssh/config` at its top (once; `down` removes
#                          it), so any client that runs ssh needs no options for the alias.
#
# Records EDGENET_TEST_SSH_HOST (the URL) and EDGENET_TEST_SSH_KEY (the client key, for ssh
# clients that do not read ~/.ssh/config, e.g. ssh2/dockerode: they dial 127.0.0.1:$SSHD_PORT).

SSHD_PORT=${EDGENET_SSHD_PORT:-2222}
# The same sshd on a second port reaches Engine 29 (engine29.sh): EDGENET_TEST_SSH_HOST_29.
SSHD_PORT_29=${EDGENET_SSHD_PORT_29:-2229}
SSHD_RUN=/run/edgenet-sshd
SSH_ALIAS=edgenet-testbed
SSH_ALIAS_29=edgenet-testbed29
SSH_HOOK_MARK='# edgenet test bed (scripts/testbed/sshd.sh): the ssh://root@edgenet-testbed alias; testbed.sh down removes it'

ssh_user_config() { echo "$(getent passwd "$(id -un)" | cut -d: -f6)/.ssh/config"; }

# File $1 without the hook (the mark and the Include line after it).
ssh_config_unhooked() {
  awk -v mark="$SSH_HOOK_MARK" '$0 == mark { skip = 1; next } skip && $1 == "Include" { skip = 0; next } { skip = 0; print }' "$1"
}

ssh_hook_user_config() {
  local cfg; cfg=$(ssh_user_config)
  local hook="$SSH_HOOK_MARK"$'\n'"Include $TESTBED/ssh/config"
  [ "$(head -n 2 "$cfg" 2>/dev/null)" != "$hook" ] || return 0
  [ -d "$(dirname "$cfg")" ] || mkdir -m 700 "$(dirname "$cfg")"
  local rest=""
  [ ! -f "$cfg" ] || rest=$(ssh_config_unhooked "$cfg")
  # Written in place: a symlinked config stays a symlink, an existing file keeps its mode.
  (umask 077 && printf '%s\n' "$hook" ${rest:+"$rest"} >"$cfg")
  log "sshd: $cfg includes $TESTBED/ssh/config"
}

ssh_unhook_user_config() {
  local cfg; cfg=$(ssh_user_config)
  [ -f "$cfg" ] && grep -qxF "$SSH_HOOK_MARK" "$cfg" || return 0
  local rest; rest=$(ssh_config_unhooked "$cfg")
  if [ -z "$(printf '%s' "$rest" | tr -d '[:space:]')" ]; then rm -f "$cfg"; else printf '%s\n' "$rest" >"$cfg"; fi
  log "sshd: removed the test bed's Include from $cfg"
}

sshd_stop() {
  pidfile_alive "$SSHD_RUN/sshd.pid" || return 0
  local pid; pid=$(cat "$SSHD_RUN/sshd.pid")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$SSHD_RUN/sshd.pid" "$SSHD_RUN/sshd.id"
}

# The client config of alias $1 on port $2 (one sshd, one host key, so one HostKeyAlias), keys in $3.
ssh_alias_config() {
  cat <<CONF
Host $1
  HostName 127.0.0.1
  Port $2
  User root
  IdentityFile $3/id_ed25519
  IdentitiesOnly yes
  IdentityAgent none
  HostKeyAlias $SSH_ALIAS
  UserKnownHostsFile $3/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  CheckHostIP no
  UpdateHostKeys no
  BatchMode yes
  RequestTTY no
CONF
}

testbed_up_sshd() {
  apt_install_no_start openssh-server openssh-client
  local dir=$TESTBED/ssh
  mkdir -p "$dir" "$SSHD_RUN" /run/sshd
  chmod 700 "$dir" "$SSHD_RUN"
  [ -f "$dir/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C "$SSH_ALIAS host key" -f "$dir/ssh_host_ed25519_key"
  [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "$SSH_ALIAS throwaway client key" -f "$dir/id_ed25519"
  (
    umask 077
    printf 'restrict %s\n' "$(cat "$dir/id_ed25519.pub")" >"$SSHD_RUN/authorized_keys"
    printf '%s %s\n' "$SSH_ALIAS" "$(cut -d' ' -f1,2 "$dir/ssh_host_ed25519_key.pub")" >"$dir/known_hosts"
    cat >"$dir/sshd_config" <<CONF
# The edgenet test bed's own sshd (scripts/testbed/sshd.sh): loopback only, key auth only.
ListenAddress 127.0.0.1:$SSHD_PORT
ListenAddress 127.0.0.1:$SSHD_PORT_29
AddressFamily inet
HostKey $dir/ssh_host_ed25519_key
PidFile $SSHD_RUN/sshd.pid
AuthorizedKeysFile $SSHD_RUN/authorized_keys
AllowUsers root
PermitRootLogin prohibit-password
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
GSSAPIAuthentication no
PermitEmptyPasswords no
UsePAM no
PermitUserEnvironment no
AllowAgentForwarding no
AllowTcpForwarding no
AllowStreamLocalForwarding no
X11Forwarding no
PermitTunnel no
PrintMotd no
PrintLastLog no
# The docker CLI's ssh transport opens one connection per API connection, several at once.
MaxStartups 64:30:128
MaxSessions 64
# docker over ssh (\`docker system dial-stdio\`) reaches the test bed's dockerd: Engine 20.10
# on the first port, Engine 29 on the second.
Match LocalPort $SSHD_PORT
  SetEnv DOCKER_HOST=unix://$DOCKER_SOCK
Match LocalPort $SSHD_PORT_29
  SetEnv DOCKER_HOST=unix://$ENGINE29_SOCK
CONF
    {
      echo "# The edgenet test bed's sshd (scripts/testbed/sshd.sh); ~/.ssh/config includes this file."
      ssh_alias_config "$SSH_ALIAS" "$SSHD_PORT" "$dir"
      ssh_alias_config "$SSH_ALIAS_29" "$SSHD_PORT_29" "$dir"
    } >"$dir/config"
  )
  ssh_hook_user_config

  # The server runs this worktree's config and host key; another one's is replaced.
  local id
  id=$(cat "$dir/sshd_config" "$dir/ssh_host_ed25519_key.pub" | sha256sum | cut -d' ' -f1)
  if ! pidfile_alive "$SSHD_RUN/sshd.pid" || [ "$(cat "$SSHD_RUN/sshd.id" 2>/dev/null)" != "$id" ]; then
    sshd_stop
    /usr/sbin/sshd -t -f "$dir/sshd_config" || die "sshd: $dir/sshd_config does not check"
    log "sshd: starting on 127.0.0.1:$SSHD_PORT"
    (close_inherited_fds && exec /usr/sbin/sshd -f "$dir/sshd_config" -E "$SSHD_RUN/sshd.log") ||
      die "sshd did not start (see $SSHD_RUN/sshd.log)"
    for _ in $(seq 1 50); do pidfile_alive "$SSHD_RUN/sshd.pid" && break; sleep 0.1; done
    pidfile_alive "$SSHD_RUN/sshd.pid" || { tail -n 20 "$SSHD_RUN/sshd.log" >&2; die "sshd did not come up"; }
    echo "$id" >"$SSHD_RUN/sshd.id"
    # What the docker CLI and the provider do: ssh to the alias, run `docker system dial-stdio`.
    local alias
    for alias in "$SSH_ALIAS" "$SSH_ALIAS_29"; do
      DOCKER_HOST="ssh://root@$alias" timeout 60 docker version --format '{{.Server.Version}}' >/dev/null ||
        { tail -n 20 "$SSHD_RUN/sshd.log" >&2; die "docker over ssh://root@$alias does not reach the test bed's dockerd"; }
    done
  fi
  env_set EDGENET_TEST_SSH_HOST "ssh://root@$SSH_ALIAS"
  env_set EDGENET_TEST_SSH_HOST_29 "ssh://root@$SSH_ALIAS_29"
  env_set EDGENET_TEST_SSH_KEY "$dir/id_ed25519"
  log "sshd: EDGENET_TEST_SSH_HOST = ssh://root@$SSH_ALIAS (127.0.0.1:$SSHD_PORT)"
}

testbed_down_sshd() {
  if pidfile_alive "$SSHD_RUN/sshd.pid"; then
    log "sshd: stopping"
    sshd_stop
  fi
  ssh_unhook_user_config
}
