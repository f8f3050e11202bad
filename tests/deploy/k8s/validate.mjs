// Checks deploy/kubernetes/ (CTest DeployTest.TheKubernetesManifestsValidate): every document
// against the Kubernetes schemas of the npm package kubernetes-models, then what the schemas
// cannot say: a StatefulSet with a persistent data volume, resources requested and limited,
// readiness and liveness probes on gRPC health (Kubernetes' gRPC probe in plaintext, an exec
// probe running `coopctl health` with TLS), secrets mounted as files from the example Secrets,
// a non-root user that is the image's, Services that select the pod. Then it breaks copies of
// the manifests on purpose and requires every check to notice, so it cannot pass vacuously.
//   node validate.mjs [REPO_ROOT]      (after `npm ci` in this folder: tools/dev.sh setup)
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, "..", "..", ".."));
if (!existsSync(path.join(here, "node_modules", "kubernetes-models"))) {
  console.error(
    `${here}/node_modules is missing: run tools/dev.sh setup (it runs npm ci here)\n` +
      `thiếu ${here}/node_modules: hãy chạy tools/dev.sh setup (lệnh này chạy npm ci ở đây)`);
  process.exit(1);
}
const { parseAllDocuments } = await import("yaml");
const { StatefulSet } = await import("kubernetes-models/apps/v1");
const { Secret, Service } = await import("kubernetes-models/v1");

const MODELS = { "apps/v1/StatefulSet": StatefulSet, "v1/Service": Service, "v1/Secret": Secret };
let passed = 0;
let failed = 0;
function check(ok, what, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok      ${what}`);
  } else {
    failed++;
    console.log(`FAILED  ${what}${detail ? `\n        ${detail}` : ""}`);
  }
}

// The schema's verdict on one object: "" if valid, else the validator's message.
function schemaErrors(object) {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) return `no schema for apiVersion ${object.apiVersion} kind ${object.kind}`;
  try {
    new Model(object).validate();
    return "";
  } catch (error) {
    return String(error.message ?? error);
  }
}

// Every document of every YAML file of deploy/kubernetes/, as {file, object}.
const dir = path.join(root, "deploy", "kubernetes");
const documents = [];
for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  for (const doc of parseAllDocuments(readFileSync(path.join(dir, file), "utf8"))) {
    check(doc.errors.length === 0, `${file}: YAML parses`, doc.errors.join("; "));
    const object = doc.toJS();
    if (object !== null) documents.push({ file, object });
  }
}
for (const { file, object } of documents) {
  const errors = schemaErrors(object);
  check(errors === "", `${file}: ${object.kind} ${object.metadata?.name} matches the schema`,
        errors);
}

const byKind = (kind) => documents.filter((d) => d.object.kind === kind);
const services = byKind("Service").map((d) => d.object);
const secrets = byKind("Secret").map((d) => d.object);
const statefulSets = byKind("StatefulSet");
const imageUid = Number((readFileSync(path.join(root, "deploy", "Dockerfile"), "utf8")
                           .match(/^USER\s+(\d+)/m) ?? [])[1]);
check(Number.isInteger(imageUid) && imageUid > 0, "deploy/Dockerfile sets a numeric non-root USER");
check(statefulSets.length === 2, "two StatefulSets: plaintext and TLS",
      statefulSets.map((d) => d.file).join(", "));

// The value after `flag` in args, or undefined.
const flagValue = (args, flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
// Whether `file` lies under one of the container's mounts of a volume in `names`.
const mountedFrom = (container, file, names) =>
  (container.volumeMounts ?? []).some(
    (m) => names.includes(m.name) && file.startsWith(m.mountPath.replace(/\/?$/, "/")));

// What is wrong with one StatefulSet beyond its schema: a list of problems, empty if none.
function problemsOf(sts) {
  const problems = [];
  const need = (ok, problem) => ok || problems.push(problem);
  const spec = sts.spec ?? {};
  const pod = spec.template?.spec ?? {};
  const labels = spec.template?.metadata?.labels ?? {};
  const coopd = (pod.containers ?? []).find((c) => c.name === "coopd");
  need(spec.replicas === 1, "replicas must be 1: the log has a single writer");
  need(Object.entries(spec.selector?.matchLabels ?? {}).length > 0 &&
       Object.entries(spec.selector.matchLabels).every(([k, v]) => labels[k] === v),
       "the selector must match the pod's labels");
  const governing = services.find((s) => s.metadata.name === spec.serviceName);
  need(governing?.spec?.clusterIP === "None", "serviceName must name a headless Service");
  need(services.some((s) => s.spec?.clusterIP !== "None" &&
                            Object.entries(s.spec?.selector ?? {}).every(([k, v]) => labels[k] === v)),
       "a Service must select the pod");
  // Security: not root, the image's user.
  const security = pod.securityContext ?? {};
  need(security.runAsNonRoot === true, "securityContext.runAsNonRoot must be true");
  need(security.runAsUser === imageUid, `runAsUser must be the image's uid ${imageUid}`);
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const kind of ["requests", "limits"]) {
      need(c.resources?.[kind]?.cpu !== undefined && c.resources?.[kind]?.memory !== undefined,
           `container ${c.name}: resources.${kind} must give cpu and memory`);
    }
    need(c.securityContext?.allowPrivilegeEscalation === false,
         `container ${c.name}: allowPrivilegeEscalation must be false`);
  }
  if (!coopd) return [...problems, "no container named coopd"];
  const args = coopd.args ?? [];
  // Persistent data: a volume claim template mounted where --data_dir points.
  const claims = (spec.volumeClaimTemplates ?? []).map((t) => t.metadata?.name);
  const dataDir = flagValue(args, "--data_dir");
  need(dataDir !== undefined && mountedFrom(coopd, dataDir, claims),
       "--data_dir must lie on a volume of volumeClaimTemplates");
  // The gRPC port the probes and Services use is the one coopd listens on.
  const grpcPort = (coopd.ports ?? []).find((p) => p.name === "grpc")?.containerPort;
  need(flagValue(args, "--listen") === `0.0.0.0:${grpcPort}`,
       "--listen must be 0.0.0.0 on the port named grpc");
  const metricsPort = (coopd.ports ?? []).find((p) => p.name === "metrics")?.containerPort;
  need(flagValue(args, "--metrics_listen") === `0.0.0.0:${metricsPort}`,
       "--metrics_listen must be on the port named metrics");
  // Secrets: mounted as files from the Secrets of secret.example.yaml, with the keys copied.
  const secretVolumes = (pod.volumes ?? []).filter((v) => v.secret);
  need(secretVolumes.length > 0, "the principals file must come from a Secret volume");
  for (const v of secretVolumes) {
    const secret = secrets.find((s) => s.metadata.name === v.secret.secretName);
    need(secret !== undefined, `volume ${v.name}: Secret ${v.secret.secretName} is not in the example`);
    const keys = Object.keys({ ...(secret?.data ?? {}), ...(secret?.stringData ?? {}) });
    const mount = [...(pod.initContainers ?? []), coopd]
      .flatMap((c) => c.volumeMounts ?? []).find((m) => m.name === v.name);
    const text = JSON.stringify([...(pod.initContainers ?? []), coopd]);
    for (const key of keys) {
      need(mount !== undefined && text.includes(`${mount.mountPath}/${key}`),
           `Secret ${v.secret.secretName}: ${key} is not used`);
    }
  }
  need(!JSON.stringify(pod).includes("secretKeyRef"), "secrets come as files, not variables");
  const principals = flagValue(args, "--auth_config");
  need(principals !== undefined && mountedFrom(coopd, principals, (pod.volumes ?? []).map((v) => v.name)),
       "--auth_config must name a mounted file");
  // Probes on gRPC health.
  const tls = args.includes("--tls_cert");
  for (const name of ["readinessProbe", "livenessProbe"]) {
    const probe = coopd[name];
    if (!probe) {
      problems.push(`${name} is missing`);
      continue;
    }
    if (tls) {
      const command = probe.exec?.command ?? [];
      need(path.basename(command[0] ?? "") === "coopctl" && command.at(-1) === "health",
           `${name}: with TLS, an exec probe running coopctl … health`);
      const ca = flagValue(command, "--tls_ca");
      need(ca !== undefined && mountedFrom(coopd, ca, (pod.volumes ?? []).map((v) => v.name)),
           `${name}: --tls_ca must name a mounted file`);
      need(flagValue(command, "--server") === `127.0.0.1:${grpcPort}`,
           `${name}: --server must be 127.0.0.1 on the gRPC port`);
    } else {
      need(probe.grpc?.port === grpcPort, `${name}: a gRPC probe on the gRPC port ${grpcPort}`);
      need(args.includes("--allow_plaintext"), "plaintext off loopback needs --allow_plaintext");
    }
  }
  return problems;
}

for (const { file, object } of statefulSets) {
  const problems = problemsOf(object);
  check(problems.length === 0, `${file}: StatefulSet ${object.metadata.name} is deployable`,
        problems.join("\n        "));
}
const variants = statefulSets.map((d) => (d.object.spec.template.spec.containers
  .find((c) => c.name === "coopd")?.args ?? []).includes("--tls_cert"));
check(variants.includes(true) && variants.includes(false),
      "one StatefulSet serves TLS (exec probes), the other plaintext (gRPC probes)");

// The checks must fail on broken manifests: each breakage below must be noticed.
const copy = (o) => JSON.parse(JSON.stringify(o));
const breakages = [
  ["replicas as a string", (s) => { s.spec.replicas = "one"; }, "schema"],
  ["a container port as a string",
   (s) => { s.spec.template.spec.containers[0].ports[0].containerPort = "50051"; }, "schema"],
  ["no selector", (s) => { delete s.spec.selector; }, "schema"],
  ["a volume claim's storage as a list",
   (s) => { s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = ["20Gi"]; }, "schema"],
  ["no readiness probe",
   (s) => { delete s.spec.template.spec.containers[0].readinessProbe; }, "checks"],
  ["no resource limits",
   (s) => { delete s.spec.template.spec.containers[0].resources.limits; }, "checks"],
  ["runs as root", (s) => { s.spec.template.spec.securityContext.runAsUser = 0; }, "checks"],
  ["no volume claim for the data",
   (s) => { s.spec.volumeClaimTemplates = []; }, "checks"],
];
for (const { file, object } of statefulSets) {
  for (const [what, breakIt, by] of breakages) {
    const broken = copy(object);
    breakIt(broken);
    const noticed = by === "schema" ? schemaErrors(broken) !== "" : problemsOf(broken).length > 0;
    check(noticed, `${file} broken on purpose (${what}) is refused by the ${by}`);
  }
}
check(schemaErrors({ apiVersion: "v1", kind: "Service", metadata: { name: "x" },
                     spec: { ports: [{ port: "grpc" }] } }) !== "",
      "a Service with a port name for its number is refused by the schema");

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
