# syntax=docker/dockerfile:1
# One image for every app: the Helm chart picks the entry point per app, e.g.
#   node dist/apps/ingress/src/main.js   (bc-watcher, bc-writer, catalog-writer, cli alike)
# Build: docker build -t ghcr.io/ml-connector/ml-connector:<version> .
ARG NODE_IMAGE=node:24-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true
# Manifests first (the npm workspaces included) so the dependency layer is reused until they change.
COPY package.json package-lock.json ./
COPY apps/cli/package.json apps/cli/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY scripts/build.js scripts/swc-options.js scripts/
COPY libs libs
COPY apps apps
RUN node scripts/build.js && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only for the app user: the running process cannot change its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER 10001:10001
EXPOSE 3000 3001 3002 3003
CMD ["node", "dist/apps/ingress/src/main.js"]
