# One image, two entry points: `switchyard operator …` (the Deployment) and `switchyard sidecar …`
# (the container the webhook injects). See images/README.md for why one image.
#
#   docker build -f images/switchyard.Dockerfile -t switchyard/switchyard:0.1.0 .
#
# The base is pinned by exact version. Once pulled, pin its digest too:
#   ARG NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:<digest from `docker buildx imagetools inspect`>
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Manifests first, so the dependency layers stay cached while only sources change.
COPY package.json package-lock.json ./
COPY contract/package.json contract/
COPY sidecar/package.json sidecar/
COPY operator/package.json operator/
# --ignore-scripts: no install script runs (the `node` devDependency's binary is not needed; the
# image brings Node 24).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json ./
COPY contract/ contract/
COPY sidecar/ sidecar/
COPY operator/ operator/
RUN npx tsc -b contract sidecar operator && node operator/scripts/bundle.mjs
# Production dependencies only, in a clean tree (devDependencies live at the root only).
RUN mkdir /out \
 && cp package.json package-lock.json /out/ \
 && for ws in contract sidecar operator; do mkdir -p /out/$ws && cp -r $ws/package.json $ws/dist /out/$ws/; done \
 && cd /out \
 && npm ci --no-audit --no-fund --ignore-scripts --omit=dev \
 && find /out -name '*.tsbuildinfo' -delete \
 && rm -rf /out/package-lock.json /root/.npm

FROM ${NODE_IMAGE}
# npm, npx and corepack are not needed at run time; fewer binaries, fewer CVEs to triage.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and not writable by the runtime user: works with readOnlyRootFilesystem. The
# processes write only to mounted volumes (/tmp, /var/run/switchyard).
COPY --from=build /out/ /app/
# 65532: the conventional "nonroot" uid; the chart and the injected sidecar run as it too.
USER 65532:65532
# The bundle (ADR 0014): the sidecar starts in about a third of the time of the module tree.
ENTRYPOINT ["node", "--enable-source-maps", "/app/operator/dist/bundle/switchyard.js"]
CMD ["--help"]
