# Pitstop's container image: `pitstop serve` on port 8080 as the unprivileged node user, with production dependencies only.
# Build: docker build -t pitstop:0.1.0 .   (test/deploy-manifests.test.ts lints this file; no image is built in the tests)

# --- build: compile the TypeScript and the admin GUI, then drop the dev dependencies ---
FROM node:26-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches (node-gyp needs python3, make and g++).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` script builds, which needs the sources copied below; this layer stays cached while
# only the sources change. No dependency's install script runs (onnxruntime-node's would only download CUDA
# libraries; its CPU runtime ships inside the package). The one native addon that needs its script is rebuilt by name.
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
COPY proto ./proto
COPY ui ./ui
# `npm run build` compiles src/ into dist/, bundles the CLI into dist/cli-bundle and the admin GUI into dist/ui; then
# only production dependencies stay.
RUN npm run build \
 && npm prune --omit=dev

# --- runtime: what `node bin/pitstop.js` needs, nothing else ---
FROM node:26-bookworm-slim AS runtime
ENV PITSTOP_HOME=/var/lib/pitstop
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/proto ./proto
# The embedded database, the prediction spool and local artifacts live here unless PITSTOP_* URLs point elsewhere;
# on Kubernetes it is an emptyDir (the root filesystem is read-only there).
RUN mkdir -p /var/lib/pitstop && chown node:node /var/lib/pitstop
USER node
EXPOSE 8080 9090
# slim has no curl: node's own fetch asks the liveness route. Kubernetes ignores this and uses the Deployment's probes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/v2/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/pitstop.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--grpc-port", "9090"]
