# Switchboard API + console, built once at image build time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY api/package.json api/package.json
COPY admin/package.json admin/package.json
RUN npm ci --no-audit --no-fund
COPY tsconfig.json codegen.ts ./
COPY schema schema
COPY api api
COPY admin admin
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=4000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/api/package.json api/package.json
COPY --from=build /app/api/dist api/dist
COPY --from=build /app/admin/dist admin/dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Migrations run at start under a PostgreSQL advisory lock: replicas may start together.
CMD ["node", "api/dist/main.js"]
