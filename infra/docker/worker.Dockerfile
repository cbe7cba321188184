# syntax=docker/dockerfile:1
# Image of @bufor/worker. Build from the repository root:
#   docker build -f infra/docker/worker.Dockerfile -t bufor/worker .
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
# Toolchain for native builds: dependencies allow-listed in pnpm-workspace.yaml and @bufor/fa3's libxml2 addon.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ pkg-config libxml2-dev \
    && rm -rf /var/lib/apt/lists/*
# pnpm at the version pinned in package.json "packageManager".
RUN corepack enable
WORKDIR /repo
# Dependencies first (cached while only sources change): fetch needs just the lockfile.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
# Only this app and the workspace packages it depends on (plus the root, which holds TypeScript).
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --filter "@bufor/worker..." --filter bufor
RUN pnpm exec tsc -b apps/worker
# A self-contained folder: the app (dist + runtime files) with production dependencies only.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm --filter @bufor/worker deploy --prod --legacy --offline /out/app

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# The shared library @bufor/fa3's schema-validation addon links to (without it fa3 falls back to libxml2-wasm).
RUN apt-get update && apt-get install -y --no-install-recommends libxml2 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=node:node /out/app ./
# Where the local KeyVault keeps its master key when KMS_PROVIDER=local (mount a volume here).
RUN mkdir -p /var/lib/bufor/kms && chown -R node:node /var/lib/bufor
# The official Node image's unprivileged user (uid 1000).
USER node
EXPOSE 3002
CMD ["node", "dist/main.js"]
