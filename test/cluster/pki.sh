#!/usr/bin/env bash
# Writes a throwaway PKI for one test control plane into $1: a CA, the apiserver serving cert,
# an admin client cert in system:masters, a webhook serving cert (for the sidecar injector under
# test) and the service-account signing keypair. Valid for 2 days; regenerated on every `up`.
# P-256 keys: RSA-2048 generation alone cost ~1.5 s of every start on 2 cores.
set -euo pipefail
P=$1
mkdir -p "$P"; chmod 700 "$P"; cd "$P"

ossl() { local out; out=$(openssl "$@" 2>&1) || { echo "$out" >&2; return 1; }; }
KEY=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)

ossl req -x509 "${KEY[@]}" -keyout ca.key -out ca.crt -days 2 -subj "/CN=switchyard-test-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

# issue NAME SUBJECT EXTENSIONS
issue() {
  ossl req "${KEY[@]}" -keyout "$1.key" -out "$1.csr" -subj "$2"
  printf '%b' "$3" > "$1.ext"
  ossl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -out "$1.crt" -extfile "$1.ext"
  rm -f "$1.csr" "$1.ext"
}

usage='keyUsage=critical,digitalSignature\n'
issue apiserver "/CN=kube-apiserver" \
  "subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n$usage"
issue admin "/O=system:masters/CN=switchyard-test-admin" "extendedKeyUsage=clientAuth\n$usage"
issue webhook "/CN=switchyard-sidecar-injector" "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n$usage"

ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out sa.key
ossl pkey -in sa.key -pubout -out sa.pub
chmod 600 ./*.key
