#!/usr/bin/env bash
# Builds the service images (docker/service.Dockerfile) and the web image (docker/web.Dockerfile)
# with buildah, then runs each one with podman the way Compose and Kubernetes do: non-root user,
# read-only root with a tmpfs /tmp, migrations from the same image (text-analyser has none),
# readiness, the image's own HEALTHCHECK, and a clean exit on SIGTERM. Made for machines without a Docker engine and without
# Docker Hub: the base images are stand-ins assembled locally (see tools/images/README.md).
#
#   bash tools/images/verify-images.sh                      # all eight services and web
#   MINSHENG_IMAGES_SERVICES="petition identity" bash tools/images/verify-images.sh
#
# Needs root, buildah, podman, debootstrap, the machine's Node 20.20.2 and npm, Postgres on
# 127.0.0.1:5432 (user postgres), Redis on 6379, NATS on 4222, and port 8080 free.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${MINSHENG_IMAGES_CACHE:-/var/tmp/minsheng-images}"
VERSION="$(node -p "require('$ROOT/package.json').version")"
read -r -a SERVICES <<<"${MINSHENG_IMAGES_SERVICES:-identity complaint-intake petition video-reception leader-message statistics exchange-gateway text-analyser}"
# Services that hold no data: no database, no migrations, no Redis, no keys (NATS only).
STATELESS=(text-analyser)
WEB="${MINSHENG_IMAGES_WEB:-1}"
STORAGE_DRIVER="${MINSHENG_IMAGES_STORAGE_DRIVER:-overlay}"
NODE_VERSION=v20.20.2 # what docker/service.Dockerfile pins (node:20.20.2-bookworm-slim)
NODE_BASE="localhost/minsheng-base/node:20.20.2-bookworm-slim"
NGINX_BASE="localhost/minsheng-base/nginx-unprivileged:bookworm"
DEBIAN_BASE="localhost/minsheng-base/debian:bookworm-slim"
MIRROR=http://deb.debian.org
DB_NAME=image_check
NATS_NS=imagecheck
WEB_PORT=8080

log() { printf '\n==> %s\n' "$*" >&2; }
die() {
  printf 'verify-images: %s\n' "$*" >&2
  exit 1
}

[[ $(id -u) == 0 ]] || die 'run as root (buildah/podman with root storage)'
for tool in buildah podman debootstrap node npm psql createdb dropdb; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done
[[ $(node -v) == "$NODE_VERSION" ]] || die "the stand-in needs Node $NODE_VERSION, this machine has $(node -v)"

# crun refuses to start containers on a cgroup v1/v2 hybrid host whose v2 hierarchy still holds a
# controller ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2"). Hiding
# the v2 mount in a private mount namespace leaves crun on plain v1 without touching the host.
if [[ -z ${MINSHENG_IMAGES_NS:-} && -n "$(cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null)" ]]; then
  exec env MINSHENG_IMAGES_NS=1 unshare --mount --propagation private \
    bash -c 'umount /sys/fs/cgroup/unified && exec bash "$0" "$@"' "$0" "$@"
fi

podman() { command podman --storage-driver "$STORAGE_DRIVER" --cgroup-manager cgroupfs --events-backend file "$@"; }
buildah() { command buildah --storage-driver "$STORAGE_DRIVER" "$@"; }

# Without CAP_SYS_RESOURCE (as in this kind of sandbox) the runtime cannot raise rlimits, and
# podman's defaults for root (nofile 1048576, nproc 4194304) fail with "setrlimit: Operation not
# permitted"; limits at or below the current hard ones always work.
ULIMITS=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
# What Compose and the Kubernetes manifests impose on every container.
HARDENING=(--read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges)
RUN=(podman run --network host "${ULIMITS[@]}")
# Containers of one command need no health checks.
ONE_OFF=("${RUN[@]}" --rm --no-healthcheck)

# podman schedules HEALTHCHECKs with systemd timers; without systemd it logs an error for each
# container it starts or removes, while `podman healthcheck run` works. Drop that noise only.
no_timer_noise() { "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }

mkdir -p "$CACHE/logs"
WORK="$(mktemp -d "$CACHE/run.XXXXXX")"
CONTAINERS=()
DB_CREATED=0
cleanup() {
  local status=$?
  for name in "${CONTAINERS[@]}"; do podman rm -f -t 0 "$name" >/dev/null 2>&1 || true; done
  if [[ $DB_CREATED == 1 ]]; then
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB_NAME" || true
    # The services provisioned their JetStream streams under NATS_NAMESPACE=imagecheck.
    (cd "$ROOT" && node --input-type=module -e "
      import { connect } from '@nats-io/transport-node';
      import { jetstreamManager } from '@nats-io/jetstream';
      const nc = await connect({ servers: 'nats://127.0.0.1:4222' });
      const jsm = await jetstreamManager(nc);
      for await (const name of jsm.streams.names()) if (name.startsWith('${NATS_NS^^}_')) await jsm.streams.delete(name);
      await nc.close();
    ") || echo 'could not delete the imagecheck streams from NATS' >&2
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# a. Stand-in base images (the official ones cannot be pulled here). Built once, then reused.
# ---------------------------------------------------------------------------------------------

image_exists() { podman image exists "$1"; }

build_debian_base() {
  image_exists "$DEBIAN_BASE" && return
  log "debootstrap bookworm (minbase) → $DEBIAN_BASE"
  local dir="$CACHE/rootfs-bookworm"
  if [[ ! -f $CACHE/rootfs-bookworm.done ]]; then
    rm -rf "$dir"
    debootstrap --variant=minbase bookworm "$dir" "$MIRROR/debian" >"$CACHE/logs/debootstrap.log" 2>&1 ||
      die "debootstrap failed, see $CACHE/logs/debootstrap.log"
    touch "$CACHE/rootfs-bookworm.done"
  fi
  # Like the official debian:bookworm-slim: security and update sources, no docs, man pages or
  # locales (nor the ones later packages would bring), no apt caches.
  rm -f "$dir/etc/apt/sources.list"
  cat >"$dir/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $MIRROR/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >"$dir/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
EOF
  cat >"$dir/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
EOF
  find "$dir/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
  rm -rf "$dir"/usr/share/{man,info,locale}/* "$dir"/var/cache/apt/archives/*.deb "$dir"/var/cache/apt/*.bin \
    "$dir"/var/lib/apt/lists/*
  tar -C "$dir" --numeric-owner -c . |
    podman import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - "$DEBIAN_BASE" >/dev/null
}

# Runs a shell script in a working container of the stand-in being assembled.
in_ctr() { buildah run --isolation chroot --network host "$1" -- sh -euc "$2"; }

build_node_base() {
  image_exists "$NODE_BASE" && return
  log "assembling $NODE_BASE from $DEBIAN_BASE and this machine's Node $(node -v), npm $(npm -v)"
  local ctr npm_dir corepack_dir
  ctr="$(buildah from --pull=never "$DEBIAN_BASE")"
  in_ctr "$ctr" 'apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates >/dev/null
    rm -rf /var/lib/apt/lists/*
    groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  # Where the official image has them: /usr/local/bin/node, /usr/local/lib/node_modules/npm.
  npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
  corepack_dir="$(npm root -g)/corepack"
  buildah copy "$ctr" "$(readlink -f "$(command -v node)")" /usr/local/bin/node >/dev/null
  buildah copy "$ctr" "$npm_dir" /usr/local/lib/node_modules/npm >/dev/null
  [[ -d $corepack_dir ]] && buildah copy "$ctr" "$corepack_dir" /usr/local/lib/node_modules/corepack >/dev/null
  in_ctr "$ctr" 'cd /usr/local/bin
    ln -s ../lib/node_modules/npm/bin/npm-cli.js npm
    ln -s ../lib/node_modules/npm/bin/npx-cli.js npx
    if [ -d ../lib/node_modules/corepack ]; then ln -s ../lib/node_modules/corepack/dist/corepack.js corepack; fi
    node -v && npm -v'
  buildah config --env NODE_VERSION="${NODE_VERSION#v}" --cmd node "$ctr"
  buildah commit --quiet --rm "$ctr" "$NODE_BASE" >/dev/null
}

build_nginx_base() {
  image_exists "$NGINX_BASE" && return
  log "assembling $NGINX_BASE: Debian nginx run as uid 101 like nginxinc/nginx-unprivileged"
  local ctr
  ctr="$(buildah from --pull=never "$DEBIAN_BASE")"
  # The official image's user (nginx 101:101) exists before the package, so nginx's files and the
  # image's USER line agree; its logs go to the container's stdout/stderr; /var/cache/nginx and
  # /etc/nginx/conf.d belong to that user; pid and temp files are under /tmp (docker/web/nginx.conf).
  in_ctr "$ctr" 'groupadd --system --gid 101 nginx
    useradd --system --uid 101 --gid nginx --home-dir /var/cache/nginx --no-create-home --shell /usr/sbin/nologin nginx
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx wget >/dev/null
    rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* /var/www/html
    ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
    mkdir -p /var/cache/nginx /etc/nginx/conf.d /usr/share/nginx/html
    chown -R 101:101 /var/cache/nginx /etc/nginx/conf.d /var/log/nginx
    nginx -v'
  buildah config --user 101 --port 8080 --stop-signal SIGQUIT \
    --cmd '["nginx", "-g", "daemon off;"]' "$ctr"
  buildah commit --quiet --rm "$ctr" "$NGINX_BASE" >/dev/null
}

build_debian_base
build_node_base
[[ $WEB == 1 ]] && build_nginx_base

# ---------------------------------------------------------------------------------------------
# b. The images themselves, from the repository's Dockerfiles.
# ---------------------------------------------------------------------------------------------

# Where egress TLS is intercepted (this machine's proxy re-signs registry.npmjs.org with its own
# CA), npm inside the build must trust the host's CA bundle. Bind mounts given to buildah apply to
# the RUN steps only, so neither the bundle nor the npmrc ends up in an image.
BUILD_CA="${MINSHENG_IMAGES_BUILD_CA:-${NODE_EXTRA_CA_CERTS:-}}"
BUILD_MOUNTS=()
if [[ -n $BUILD_CA ]]; then
  printf 'cafile=/etc/ssl/certs/build-ca.crt\n' >"$WORK/npmrc"
  BUILD_MOUNTS=(-v "$BUILD_CA:/etc/ssl/certs/build-ca.crt:ro" -v "$WORK/npmrc:/usr/local/etc/npmrc:ro")
fi

declare -A BUILD_SECONDS
build_image() { # <name> <dockerfile> [build args…]
  local name="$1" dockerfile="$2" started=$SECONDS
  shift 2
  log "build minsheng/$name:$VERSION ($dockerfile)"
  # --format docker: the OCI image format has no HEALTHCHECK, and buildah would drop it.
  # --ignorefile: BuildKit reads <Dockerfile>.dockerignore by itself, this buildah does not.
  # --layers: the dependency stages are the same for every service and are built once.
  if ! buildah bud --format docker --layers --pull=never --isolation chroot --network host \
    "${BUILD_MOUNTS[@]}" -f "$ROOT/$dockerfile" --ignorefile "$ROOT/$dockerfile.dockerignore" "$@" \
    -t "minsheng/$name:$VERSION" "$ROOT" >"$CACHE/logs/build-$name.log" 2>&1; then
    tail -n 40 "$CACHE/logs/build-$name.log" >&2
    die "build of $name failed, see $CACHE/logs/build-$name.log"
  fi
  BUILD_SECONDS[$name]=$((SECONDS - started))
  echo "built in ${BUILD_SECONDS[$name]} s" >&2
}

for app in "${SERVICES[@]}"; do
  build_image "$app" docker/service.Dockerfile --build-arg "APP=$app" --build-arg "NODE_IMAGE=$NODE_BASE"
done
if [[ $WEB == 1 ]]; then
  build_image web docker/web.Dockerfile --build-arg "NODE_IMAGE=$NODE_BASE" \
    --build-arg "NGINX_IMAGE=$NGINX_BASE"
fi

# ---------------------------------------------------------------------------------------------
# c. Run each image and check it.
# ---------------------------------------------------------------------------------------------

declare -A SIZE USER_ID CHECKS
pass() { # <image> <check>
  CHECKS[$1]="${CHECKS[$1]:+${CHECKS[$1]}, }$2"
  echo "  ok: $2" >&2
}

free_port() {
  node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

wait_http() { # <container> <url> <seconds> → 0 once it answers 200, 1 if it stops or times out
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$2" || true) == 200 ]] && return 0
    [[ $(podman inspect --format '{{.State.Running}}' "$1") == true ]] || return 1
    sleep 1
  done
  return 1
}

check_user() { # <name> <expected uid>
  local out
  out="$("${ONE_OFF[@]}" --entrypoint id "minsheng/$1:$VERSION")"
  echo "  id: $out" >&2
  [[ $out == "uid=$2("* ]] || die "$1 runs as '$out', expected uid $2"
  USER_ID[$1]="$2"
  pass "$1" "uid $2"
  SIZE[$1]="$(podman image inspect --format '{{.Size}}' "minsheng/$1:$VERSION" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
}

check_stop() { # <name> <container>: the stop signal, then a clean exit within the grace period
  local started=$SECONDS code signal
  signal="$(podman inspect --format '{{.Config.StopSignal}}' "$2")"
  [[ $signal =~ ^[0-9]+$ ]] && signal="SIG$(kill -l "$signal")"
  no_timer_noise podman stop -t 30 "$2" >/dev/null
  code="$(podman inspect --format '{{.State.ExitCode}}' "$2")"
  podman logs "$2" >"$CACHE/logs/run-$1.log" 2>&1 || true
  # 143 would mean nothing handled the signal; podman stop falls back to SIGKILL (137) at 30 s.
  [[ $code == 0 ]] || die "$1 exited with $code after $signal, see $CACHE/logs/run-$1.log"
  pass "$1" "$signal → exit 0 in $((SECONDS - started)) s"
}

log "keys and database for the run"
# One ES256 key pair: identity signs with it, the other services verify with its public half.
node --input-type=module -e "
  import { generateKeyPairSync } from 'node:crypto';
  import { writeFileSync } from 'node:fs';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync('$WORK/signing-key.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync('$WORK/public-key.pem', publicKey.export({ type: 'spki', format: 'pem' }));
"
# uid 10001 reads the keys through the bind mount.
chmod 755 "$WORK" && chmod 644 "$WORK"/*.pem
if [[ ${#SERVICES[@]} -gt 0 ]]; then
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 &&
    die "database $DB_NAME already exists: drop it or let the run that owns it finish"
  createdb -h 127.0.0.1 -U postgres "$DB_NAME"
  DB_CREATED=1
fi
FIELD_KEY="$(node -p "require('node:crypto').randomBytes(32).toString('base64')")"
LOOKUP_KEY="$(node -p "require('node:crypto').randomBytes(32).toString('base64')")"
DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DB_NAME"

is_stateless() { [[ " ${STATELESS[*]} " == *" $1 "* ]]; }

check_service() { # <app>
  local app="$1" image="minsheng/$1:$VERSION" port port_var name out
  log "check $image"
  check_user "$app" 10001

  # No environment at all: the service must refuse to start and name what is missing (a stateless
  # service needs only NATS).
  if out="$("${ONE_OFF[@]}" "${HARDENING[@]}" "$image" 2>&1)"; then
    die "$app started without any environment"
  fi
  if is_stateless "$app"; then
    grep -q NATS_URL <<<"$out" || die "$app refused to start without naming the missing env: $out"
  else
    grep -q DATABASE_URL <<<"$out" && grep -q NATS_URL <<<"$out" && grep -q LOOKUP_HASH_KEY <<<"$out" ||
      die "$app refused to start without naming the missing env: $out"
  fi
  printf '%s\n' "$out" | sed -n '1,12s/^/  | /p' >&2
  pass "$app" 'refuses to start without env, naming it'

  # Migrations from the same image, with only DATABASE_URL (as docker/compose.yml runs them).
  if is_stateless "$app"; then
    "${ONE_OFF[@]}" --entrypoint test "$image" ! -e "apps/$app/dist/migrate.js" ||
      die "$app is stateless but its image has apps/$app/dist/migrate.js"
    pass "$app" 'no migrations (stateless)'
  else
    "${ONE_OFF[@]}" "${HARDENING[@]}" -e "DATABASE_URL=$DATABASE_URL" "$image" \
      node "apps/$app/dist/migrate.js" >"$CACHE/logs/migrate-$app.log" 2>&1 ||
      die "migrations of $app failed, see $CACHE/logs/migrate-$app.log"
    pass "$app" 'migrations'
  fi

  port="$(free_port)"
  port_var="$(tr 'a-z-' 'A-Z_' <<<"$app")_PORT"
  name="minsheng-imagecheck-$app"
  CONTAINERS+=("$name")
  local env=(
    -e NODE_ENV=production -e NATS_URL=nats://127.0.0.1:4222 -e "NATS_NAMESPACE=$NATS_NS"
    -e HTTP_HOST=127.0.0.1 -e "$port_var=$port"
  )
  # A stateless service is given only what docker/compose.yml gives it: no database, Redis or keys.
  is_stateless "$app" || env+=(
    -e "DATABASE_URL=$DATABASE_URL" -e REDIS_URL=redis://127.0.0.1:6379
    -e "FIELD_ENCRYPTION_KEYS=k1:$FIELD_KEY" -e FIELD_ENCRYPTION_ACTIVE_KEY=k1
    -e "LOOKUP_HASH_KEY=$LOOKUP_KEY" -e AUTH_PUBLIC_KEY_FILE=/run/minsheng/public-key.pem
  )
  # The heap caps docker/compose.yml and the overlays give each service.
  case $app in
    statistics | leader-message) env+=(-e 'NODE_OPTIONS=--max-old-space-size=256 --max-semi-space-size=4') ;;
    petition) env+=(-e 'NODE_OPTIONS=--max-old-space-size=128 --max-semi-space-size=4') ;;
    text-analyser) env+=(-e 'NODE_OPTIONS=--max-old-space-size=96 --max-semi-space-size=4') ;;
    *) env+=(-e NODE_OPTIONS=--max-old-space-size=128) ;;
  esac
  case $app in
    # As every deployment runs it: segmentation by the text-analyser (its readiness does not
    # depend on it).
    petition) env+=(-e TEXT_ANALYSIS=service) ;;
    identity)
      env+=(-e IDENTITY_SIGNING_KEY_FILE=/run/minsheng/signing-key.pem -e "IDENTITY_PUBLIC_URL=http://127.0.0.1:$port")
      ;;
    # Checked only after the common variables, so the no-env refusal above does not name it.
    video-reception) env+=(-e "JITSI_APP_SECRET=$(node -p "require('node:crypto').randomBytes(32).toString('hex')")") ;;
  esac
  no_timer_noise "${RUN[@]}" -d --name "$name" "${HARDENING[@]}" \
    -v "$WORK:/run/minsheng:ro" "${env[@]}" "$image" >/dev/null
  if ! wait_http "$name" "http://127.0.0.1:$port/health/ready" 90; then
    podman logs "$name" 2>&1 | tail -n 30 >&2
    die "$app did not become ready on port $port"
  fi
  pass "$app" 'GET /health/ready 200'
  podman healthcheck run "$name" >/dev/null || die "the HEALTHCHECK of $app failed"
  pass "$app" 'HEALTHCHECK (node /app/healthcheck.mjs) exit 0'
  [[ $(podman exec "$name" cat /proc/1/comm) == tini ]] || die "PID 1 of $app is not tini"
  pass "$app" 'PID 1 is tini'
  check_stop "$app" "$name"
}

check_web() {
  local image="minsheng/web:$VERSION" name=minsheng-imagecheck-web
  log "check $image"
  check_user web 101
  curl -s -o /dev/null "http://127.0.0.1:$WEB_PORT/" && die "port $WEB_PORT is taken"
  CONTAINERS+=("$name")
  no_timer_noise "${RUN[@]}" -d --name "$name" "${HARDENING[@]}" "$image" >/dev/null
  wait_http "$name" "http://127.0.0.1:$WEB_PORT/healthz" 20 || {
    podman logs "$name" 2>&1 | tail -n 30 >&2
    die 'web did not answer /healthz'
  }
  pass web 'GET /healthz 200'
  # The single-page-app fallback: any unknown path is the portal's index.html.
  curl -sf "http://127.0.0.1:$WEB_PORT/console/cases/123" | grep -q '<div id="app"' ||
    die 'web does not serve index.html for a client-side route'
  pass web 'SPA fallback serves index.html'
  podman healthcheck run "$name" >/dev/null || die 'the HEALTHCHECK of web failed'
  pass web 'HEALTHCHECK (wget /healthz) exit 0'
  check_stop web "$name"
}

for app in "${SERVICES[@]}"; do check_service "$app"; done
[[ $WEB == 1 ]] && check_web

# ---------------------------------------------------------------------------------------------
# d. Summary.
# ---------------------------------------------------------------------------------------------

log "summary (buildah $(buildah --version | awk '{ print $3 }'), podman $(podman --version | awk '{ print $3 }'), storage $STORAGE_DRIVER)"
printf '%-34s %8s %6s %7s  %s\n' image size uid build checks
names=("${SERVICES[@]}")
[[ $WEB == 1 ]] && names+=(web)
for name in "${names[@]}"; do
  printf '%-34s %8s %6s %6ss  %s\n' "minsheng/$name:$VERSION" "${SIZE[$name]}" "${USER_ID[$name]}" \
    "${BUILD_SECONDS[$name]}" "${CHECKS[$name]}"
done
