# syntax=docker/dockerfile:1
#
# The web app (apps/web: public portal and staff console, Vue 3 + Vite).
#
#   docker build -f docker/web.Dockerfile -t minsheng/web:0.1.0 .
#
# `nx run web:build` (vite build) writes the static files to apps/web/dist. nginx (unprivileged
# image, uid 101, port 8080) serves them with the single-page-app fallback; the services' APIs are
# reached on the same origin under /api/<service>/ (Ingress in Kubernetes, this nginx in Compose).
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28.0-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
COPY libs ./libs
RUN find libs -mindepth 2 -maxdepth 2 ! -name package.json -exec rm -rf {} +
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npx nx run web:build --output-style=static

FROM ${NGINX_IMAGE} AS runtime
COPY docker/web/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /src/apps/web/dist /usr/share/nginx/html
# The image's user (nginx, uid 101) never writes outside /tmp, so the root filesystem can be
# read-only (mount an emptyDir/tmpfs on /tmp).
USER 101:101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
# nginx stays in the foreground and handles SIGQUIT/SIGTERM itself; the base image's entrypoint
# execs it, so it is PID 1 without a shell in between.
CMD ["nginx", "-g", "daemon off;"]
