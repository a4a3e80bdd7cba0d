# Helpers for the modules that run servers of the test bed's own (postgres.sh, sshd.sh).
# Defines no tools/up/down hook of its own.

# Like apt_install, but Debian's own service of a package (ssh on 0.0.0.0:22, the "main"
# PostgreSQL cluster on 5432) is not started by the install: a policy-rc.d that refuses
# every start is in place for the install's duration, unless the machine has one already.
# needrestart (if installed) restarts nothing either. On a systemd machine the package's unit
# is still enabled for the next boot.
apt_install_no_start() {
  local pkg
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || break; done
  dpkg -s "$pkg" >/dev/null 2>&1 && return 0
  (
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      trap 'rm -f /usr/sbin/policy-rc.d' EXIT
      printf '#!/bin/sh\n# edgenet test bed (scripts/testbed/services.sh): no service starts during its installs\nexit 101\n' \
        >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
    fi
    NEEDRESTART_SUSPEND=1 apt_install "$@"
  )
}

# True when the pid in file $1 is a live process.
pidfile_alive() {
  local pid
  pid=$(head -n 1 "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# Writes stdin to file $1 with mode 0600 (a secret), atomically.
write_secret() {
  (umask 077 && cat >"$1.tmp") && mv "$1.tmp" "$1"
}
