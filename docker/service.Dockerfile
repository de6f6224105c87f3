# syntax=docker/dockerfile:1
#
# One image per service, built from the repository root:
#
#   docker build -f docker/service.Dockerfile --build-arg APP=petition -t minsheng/petition:0.1.0 .
#
# Stages: `manifests` keeps only package.json/package-lock.json files (so the dependency layers are
# cached until a manifest changes), `prod-deps` installs production dependencies only, `build`
# compiles the service and its workspace libraries with Nx/SWC and stages exactly the libraries the
# compiled code imports, `runtime` assembles them on a slim base and runs as a non-root user.
# The production dependency layer is the same for every service, so a node pulls it once.

# Pinned to the Node.js the project is tested on (Node 20.20, see package.json engines). Pin the
# digest too when you publish: `docker buildx imagetools inspect node:20.20.2-bookworm-slim`.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY package.json package-lock.json ./
COPY libs ./libs
# Keep libs/<lib>/package.json only: npm needs the workspace manifests to link @minsheng/*.
RUN find libs -mindepth 2 -maxdepth 2 ! -name package.json -exec rm -rf {} +

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=manifests /src ./
# --ignore-scripts: no production dependency needs an install script (native modules ship as
# prebuilt optional packages), and it keeps telemetry postinstalls from running.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf libs

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false SCARF_ANALYTICS=false
COPY --from=manifests /src ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
ARG APP
RUN test -n "${APP}" || (echo 'build with --build-arg APP=<service>' >&2; exit 1)
RUN npx nx run "${APP}:build" --output-style=static
# apps/<APP>/dist plus package.json + dist of every @minsheng/* library it imports, transitively.
RUN node docker/stage-app.mjs "${APP}" /out

FROM ${NODE_IMAGE} AS runtime
# tini is PID 1: it forwards SIGTERM to node (the service then drains and exits) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY --from=prod-deps /app ./
COPY --from=build /out ./
COPY docker/healthcheck.mjs ./healthcheck.mjs
# Links to workspace libraries this service does not use would dangle: drop them.
RUN find node_modules/@minsheng -xtype l -delete
# Everything stays owned by root and read-only for the service user: the root filesystem can be
# mounted read-only; the only writable place the services need is /tmp (mount an emptyDir/tmpfs).
USER 10001:10001
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The same image runs the migrations (`node apps/$APP/dist/migrate.js`; the text-analyser has
# none, it holds no data) and, for identity, the account CLI (`node apps/identity/dist/cli.js`):
# override the arguments, keep the entrypoint.
CMD ["sh", "-c", "exec node apps/${APP}/dist/main.js"]
