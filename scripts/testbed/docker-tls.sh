# The test bed's dockerd also listens on tcp://127.0.0.1:$DOCKER_TLS_PORT with --tlsverify,
# so that `tcp://` Docker hosts with certificates are real. The certificates are the test
# bed's own, made with openssl under .testbed/tls/ (keys 0600):
#
#   ca.pem ca-key.pem                 the CA (both sides trust only it)
#   server-cert.pem server-key.pem    dockerd's, for 127.0.0.1 and localhost
#   client/ca.pem cert.pem key.pem    the client's, in the Docker CLI's DOCKER_CERT_PATH layout
#
# Made once, again when one is missing or expires within a week (dockerd then restarts).
# Records EDGENET_TEST_TLS_HOST and EDGENET_TEST_TLS_CERT_PATH (the client/ directory).

DOCKER_TLS_PORT=${EDGENET_DOCKER_TLS_PORT:-12376}
DOCKER_TLS_DIR=$TESTBED/tls
DOCKER_TLS_WEEK=604800

docker_tls_valid() {
  local d=$DOCKER_TLS_DIR cert
  for cert in ca.pem server-cert.pem client/cert.pem; do
    openssl x509 -checkend "$DOCKER_TLS_WEEK" -noout -in "$d/$cert" >/dev/null 2>&1 || return 1
  done
  [ -s "$d/server-key.pem" ] && [ -s "$d/client/key.pem" ] && cmp -s "$d/ca.pem" "$d/client/ca.pem" &&
    openssl verify -CAfile "$d/ca.pem" "$d/server-cert.pem" "$d/client/cert.pem" >/dev/null 2>&1
}

# Signs a new key's certificate: docker_tls_issue NAME CN EXTENSIONS (writes NAME-key.pem, NAME-cert.pem).
docker_tls_issue() {
  local d=$DOCKER_TLS_DIR
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$d/$1-key.pem" \
    -subj "/CN=$2" -out "$d/$1.csr" 2>/dev/null
  printf '%s\n' "$3" >"$d/$1.ext"
  openssl x509 -req -in "$d/$1.csr" -CA "$d/ca.pem" -CAkey "$d/ca-key.pem" -set_serial "0x$(openssl rand -hex 16)" \
    -days 825 -extfile "$d/$1.ext" -out "$d/$1-cert.pem" 2>/dev/null
  rm -f "$d/$1.csr" "$d/$1.ext"
}

docker_tls_material() {
  docker_tls_valid && return 0
  apt_install openssl
  log "docker-tls: making a CA, a server and a client certificate in $DOCKER_TLS_DIR"
  rm -rf "$DOCKER_TLS_DIR"
  mkdir -p "$DOCKER_TLS_DIR/client"
  chmod 700 "$DOCKER_TLS_DIR" "$DOCKER_TLS_DIR/client"
  (
    umask 077
    local d=$DOCKER_TLS_DIR
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$d/ca-key.pem" \
      -subj "/CN=edgenet test bed CA" -days 3650 -out "$d/ca.pem" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    docker_tls_issue server localhost $'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost'
    docker_tls_issue client edgenet-testbed-client $'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth'
    mv "$d/client-cert.pem" "$d/client/cert.pem"
    mv "$d/client-key.pem" "$d/client/key.pem"
    cp "$d/ca.pem" "$d/client/ca.pem"
    chmod 644 "$d/ca.pem" "$d/server-cert.pem" "$d/client/ca.pem" "$d/client/cert.pem"
  )
  docker_tls_valid || die "docker-tls: the certificates made in $DOCKER_TLS_DIR do not verify"
  # A running dockerd holds the old certificates: make up() restart it.
  rm -f "$DOCKER_RUN/dockerd.flags"
}

testbed_dockerd_flags_docker_tls() {
  docker_tls_material
  DOCKERD_FLAGS+=(-H "tcp://127.0.0.1:$DOCKER_TLS_PORT" --tlsverify --tlscacert "$DOCKER_TLS_DIR/ca.pem"
    --tlscert "$DOCKER_TLS_DIR/server-cert.pem" --tlskey "$DOCKER_TLS_DIR/server-key.pem")
}

testbed_up_docker_tls() {
  local c=$DOCKER_TLS_DIR/client
  curl -sf --max-time 10 --cacert "$c/ca.pem" --cert "$c/cert.pem" --key "$c/key.pem" \
    "https://127.0.0.1:$DOCKER_TLS_PORT/_ping" >/dev/null ||
    die "docker-tls: dockerd does not answer on https://127.0.0.1:$DOCKER_TLS_PORT with the client certificate"
  env_set EDGENET_TEST_TLS_HOST "tcp://127.0.0.1:$DOCKER_TLS_PORT"
  env_set EDGENET_TEST_TLS_CERT_PATH "$c"
  log "docker-tls: EDGENET_TEST_TLS_HOST = tcp://127.0.0.1:$DOCKER_TLS_PORT (--tlsverify)"
}
