# syntax=docker/dockerfile:1
# Sextant API / worker image. Build: docker build -t sextant .   (see README "Operations")

# --- build: all dependencies, compile TypeScript and the dashboard, then drop dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Toolchain for native modules without a prebuilt binary for this platform (better-sqlite3).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY web ./web
RUN npm run build && npm prune --omit=dev

# --- runtime: production dependencies, compiled code and the bundled data; no compiler, no sources
FROM node:20-bookworm-slim
ENV NODE_ENV=production SEXTANT_ENV=prod PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY data ./data
# The image's own user (uid 1000 in node images): it owns only the results folder and its home (SQLite default).
RUN mkdir -p /app/results && chown node:node /app/results
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/sextant.js"]
CMD ["serve", "--host", "0.0.0.0"]
