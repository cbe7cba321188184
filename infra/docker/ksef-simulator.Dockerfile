# syntax=docker/dockerfile:1
# Image of @bufor/ksef-simulator. Build from the repository root:
#   docker build -f infra/docker/ksef-simulator.Dockerfile -t bufor/ksef-simulator .
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
# Toolchain for dependencies with native builds (allow-listed in pnpm-workspace.yaml); build stage only.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# pnpm at the version pinned in package.json "packageManager".
RUN corepack enable
WORKDIR /repo
# Dependencies first (cached while only sources change): fetch needs just the lockfile.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
# Only this app and the workspace packages it depends on (plus the root, which holds TypeScript).
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --filter "@bufor/ksef-simulator..." --filter bufor
RUN pnpm exec tsc -b apps/ksef-simulator
# A self-contained folder: the app (dist + runtime files) with production dependencies only.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm --filter @bufor/ksef-simulator deploy --prod --legacy --offline /out/app

FROM ${NODE_IMAGE} AS runtime
# The /sim control API (faults, clock, test data) is for development and tests only.
ENV NODE_ENV=production SIM_CONTROL_API=false
WORKDIR /app
COPY --from=build --chown=node:node /out/app ./
# Keys, CA and state snapshots between restarts (SIM_DATA_DIR; mount a volume here).
RUN mkdir -p /var/lib/bufor/ksef-simulator && chown -R node:node /var/lib/bufor
# The official Node image's unprivileged user (uid 1000).
USER node
EXPOSE 8100
CMD ["node", "dist/main.js"]
