# syntax=docker/dockerfile:1
# Image of @bufor/web (Next.js standalone server). Build from the repository root:
#   docker build -f infra/docker/web.Dockerfile -t bufor/web .
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true NEXT_TELEMETRY_DISABLED=1
RUN corepack enable
WORKDIR /repo
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --offline --frozen-lockfile --filter "@bufor/web..." --filter bufor
# Workspace packages the web app imports are consumed from their compiled dist.
RUN pnpm exec tsc -b packages/config
# NEXT_OUTPUT=standalone makes next build emit a self-contained server (apps/web/.next/standalone, traced from the
# repository root, so the server is apps/web/server.js inside it).
RUN cd apps/web && NEXT_OUTPUT=standalone pnpm exec next build
# public/ is optional in Next.js; make sure it exists so the runtime COPY below never fails.
RUN mkdir -p apps/web/public

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build --chown=node:node /repo/apps/web/.next/standalone ./
# Static assets are not part of the standalone trace; the server serves them from next to server.js.
COPY --from=build --chown=node:node /repo/apps/web/.next/static ./apps/web/.next/static
COPY --from=build --chown=node:node /repo/apps/web/public ./apps/web/public
USER node
EXPOSE 3001
# Next's standalone server reads PORT/HOSTNAME; the app's own setting is WEB_PORT (@bufor/config), mapped here.
CMD ["sh", "-c", "PORT=\"${WEB_PORT:-3001}\" HOSTNAME=0.0.0.0 exec node apps/web/server.js"]
