// Validates a kustomization's Kubernetes manifests without a cluster:
//   node validate.mjs <folder with kustomization.yaml> [--extract <folder>]
// 1. every file the kustomization lists (resources, configMapGenerator files) exists and parses;
// 2. every object is checked against the JSON schema of its apiVersion/kind (kubernetes-models: the Kubernetes
//    OpenAPI schemas compiled with ajv): types, required fields, enums, formats;
// 3. strictly: a field the schema does not define fails (a typo like `readinesProbe` would otherwise be dropped by
//    the API server without a word). The field lists come from the models' TypeScript declarations;
// 4. the kustomization's own fields, JSON files it turns into ConfigMaps, and references between objects: every
//    ConfigMap, Secret-free volume and ServiceAccount a pod names exists, and every Service selects some pod template.
// Prints one line per object and exits 1 with every problem listed, or 0. With --extract, also writes every
// ConfigMap's entries to <folder>/<configmap>/<key> and the PromQL of every Grafana panel as a Prometheus rules file
// (<folder>/grafana-panels.rules.yml), so promtool can check the Prometheus config, the alerts and the panels.
import { readFileSync, existsSync, readdirSync, statSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseAllDocuments, parse } from "yaml";

const require = createRequire(import.meta.url);
const folder = path.resolve(process.argv[2] ?? ".");
const extractAt = process.argv.indexOf("--extract");
const extractTo = extractAt > 0 ? path.resolve(process.argv[extractAt + 1]) : null;
const problems = [];
const objects = [];

function problem(where, message) {
  problems.push(`${where}: ${message}`);
}

// --- the kustomization -------------------------------------------------------------------------------------------
const kustomizationPath = path.join(folder, "kustomization.yaml");
const kustomizationFields = new Set(["apiVersion", "kind", "namespace", "resources", "configMapGenerator", "generatorOptions", "images", "labels", "commonLabels"]);
const kustomization = parse(readFileSync(kustomizationPath, "utf8"));
if (kustomization?.apiVersion !== "kustomize.config.k8s.io/v1beta1" || kustomization?.kind !== "Kustomization") {
  problem("kustomization.yaml", "must be apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization");
}
for (const key of Object.keys(kustomization ?? {})) {
  if (!kustomizationFields.has(key)) problem("kustomization.yaml", `unknown field '${key}'`);
}

for (const resource of kustomization?.resources ?? []) {
  const file = path.join(folder, resource);
  if (!existsSync(file)) {
    problem("kustomization.yaml", `resource '${resource}' does not exist`);
    continue;
  }
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  docs.forEach((doc, index) => {
    const where = `${resource}#${index + 1}`;
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problem(where, `YAML: ${e.message}`);
      return;
    }
    const object = doc.toJS();
    if (object == null) return;
    objects.push({ where, object });
  });
}

const generated = [];
for (const generator of kustomization?.configMapGenerator ?? []) {
  const data = {};
  for (const entry of generator.files ?? []) {
    const [key, relative] = entry.includes("=") ? entry.split("=", 2) : [path.basename(entry), entry];
    const file = path.join(folder, relative);
    if (!existsSync(file)) {
      problem("kustomization.yaml", `configMapGenerator '${generator.name}': file '${relative}' does not exist`);
      continue;
    }
    data[key] = readFileSync(file, "utf8");
    if (file.endsWith(".json")) {
      try {
        JSON.parse(data[key]);
      } catch (e) {
        problem(relative, `not valid JSON: ${e.message}`);
      }
    }
  }
  generated.push({ where: `configMapGenerator ${generator.name}`, object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: generator.name, namespace: kustomization.namespace }, data } });
}
objects.push(...generated);

// --- field lists from the TypeScript declarations ------------------------------------------------------------------
const modelsRoot = path.dirname(require.resolve("kubernetes-models/package.json"));
const machineryRoot = path.dirname(require.resolve("@kubernetes-models/apimachinery/package.json"));
const interfaces = new Map(); // global alias (IIoK8s...) or file path -> Map(field -> type text)

function parseDeclarations(file) {
  const text = readFileSync(file, "utf8");
  const start = text.search(/^export interface (\w+)/m);
  if (start < 0) return;
  const lines = text.slice(start).split("\n");
  const fields = new Map();
  for (let i = 1; i < lines.length && lines[i] !== "}"; i++) {
    const match = /^ {4}"([^"]+)"\??: (.*?);?$/.exec(lines[i]);
    if (!match) continue;
    let type = match[2];
    if (type === "{") {
      // An inline map: `{ [key: string]: T; }` over the next lines.
      const value = /^ {8}\[key: string\]: (.*);$/.exec(lines[i + 1] ?? "");
      type = value ? `Map<${value[1]}>` : "{}";
    }
    fields.set(match[1], type);
  }
  const alias = /export type \{ I\w+ as (I\w+),/.exec(text);
  if (alias) interfaces.set(alias[1], fields);
  interfaces.set(file, fields);
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "_schemas") continue;
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith(".d.ts") && name !== "index.d.ts") parseDeclarations(full);
  }
}
walk(modelsRoot);
walk(machineryRoot);

function strict(value, type, where) {
  if (value == null) return;
  const array = /^Array<(.*)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => strict(item, array[1], `${where}[${i}]`));
    return;
  }
  const map = /^Map<(.*)>$/.exec(type);
  if (map) {
    if (typeof value === "object") for (const [key, item] of Object.entries(value)) strict(item, map[1], `${where}.${key}`);
    return;
  }
  const fields = interfaces.get(type);
  if (!fields || fields.size === 0 || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (!fields.has(key)) problem(where, `unknown field '${key}'`);
    else strict(item, fields.get(key), `${where}.${key}`);
  }
}

// --- schema validation ------------------------------------------------------------------------------------------
function modelFile(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  if (!apiVersion.includes("/") && apiVersion !== "v1") return null;
  return path.join(modelsRoot, group, `${kind}.js`);
}

for (const { where, object } of objects) {
  const { apiVersion, kind } = object;
  const label = `${where} ${kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    problem(where, "needs apiVersion and kind");
    continue;
  }
  const file = modelFile(apiVersion, kind);
  if (!file || !existsSync(file)) {
    problem(label, `unknown apiVersion/kind ${apiVersion}/${kind}`);
    continue;
  }
  const module = await import(file);
  const Model = module[kind];
  try {
    new Model(object).validate();
  } catch (e) {
    problem(label, e.message);
  }
  strict(object, file.replace(/\.js$/, ".d.ts"), label);
  if (!object.metadata?.name) problem(label, "metadata.name is required");
  if (kind !== "Namespace" && kustomization.namespace && object.metadata?.namespace && object.metadata.namespace !== kustomization.namespace) {
    problem(label, `namespace '${object.metadata.namespace}' differs from the kustomization's '${kustomization.namespace}'`);
  }
  console.log(`checked ${label}`);
}

// --- references between the objects --------------------------------------------------------------------------------
const byKind = (kind) => objects.filter((o) => o.object.kind === kind).map((o) => o.object);
const configMaps = new Set(byKind("ConfigMap").map((o) => o.metadata.name));
const serviceAccounts = new Set(byKind("ServiceAccount").map((o) => o.metadata.name));
const templates = [];
for (const { where, object } of objects) {
  const podSpec = object.kind === "Job" || ["Deployment", "StatefulSet", "DaemonSet"].includes(object.kind) ? object.spec?.template?.spec : null;
  if (!podSpec) continue;
  templates.push(object.spec.template.metadata?.labels ?? {});
  const label = `${where} ${object.kind}/${object.metadata?.name}`;
  const selector = object.spec?.selector?.matchLabels;
  if (selector && !Object.entries(selector).every(([k, v]) => object.spec.template.metadata?.labels?.[k] === v)) {
    problem(label, "spec.selector.matchLabels does not match the pod template's labels");
  }
  if (podSpec.serviceAccountName && !serviceAccounts.has(podSpec.serviceAccountName)) problem(label, `ServiceAccount '${podSpec.serviceAccountName}' is not defined`);
  for (const volume of podSpec.volumes ?? []) {
    if (volume.configMap && !configMaps.has(volume.configMap.name)) problem(label, `volume '${volume.name}': ConfigMap '${volume.configMap.name}' is not defined`);
  }
  const volumes = new Set((podSpec.volumes ?? []).map((v) => v.name).concat((object.spec.volumeClaimTemplates ?? []).map((v) => v.metadata?.name)));
  for (const container of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
    for (const mount of container.volumeMounts ?? []) {
      if (!volumes.has(mount.name)) problem(label, `container '${container.name}' mounts undefined volume '${mount.name}'`);
    }
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef && !configMaps.has(source.configMapRef.name)) problem(label, `container '${container.name}': ConfigMap '${source.configMapRef.name}' is not defined`);
    }
    const ports = new Set((container.ports ?? []).map((p) => p.name));
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      const port = container[probe]?.httpGet?.port;
      if (typeof port === "string" && !ports.has(port)) problem(label, `container '${container.name}' ${probe} names undefined port '${port}'`);
    }
  }
}
for (const { where, object } of objects.filter((o) => o.object.kind === "Service" || o.object.kind === "PodDisruptionBudget")) {
  const selector = object.kind === "Service" ? object.spec?.selector : object.spec?.selector?.matchLabels;
  if (selector && !templates.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v))) {
    problem(`${where} ${object.kind}/${object.metadata?.name}`, "its selector matches no pod template");
  }
}

if (extractTo) {
  const panelRules = [];
  for (const configMap of byKind("ConfigMap")) {
    for (const [key, value] of Object.entries(configMap.data ?? {})) {
      mkdirSync(path.join(extractTo, configMap.metadata.name), { recursive: true });
      writeFileSync(path.join(extractTo, configMap.metadata.name, key), value);
      if (key.endsWith(".json") && configMap.metadata.name === "grafana-dashboards") {
        const panels = JSON.parse(value).panels ?? [];
        for (const panel of panels) {
          for (const target of panel.targets ?? []) {
            panelRules.push({ record: `grafana:panel_${panel.id}_${target.refId}`, expr: target.expr, title: panel.title });
          }
        }
      }
    }
  }
  const rules = panelRules.map((r) => `      # ${r.title}\n      - record: ${r.record}\n        expr: ${JSON.stringify(r.expr)}`).join("\n");
  writeFileSync(path.join(extractTo, "grafana-panels.rules.yml"), `groups:\n  - name: grafana-panels\n    rules:\n${rules}\n`);
  console.log(`extracted ConfigMaps and ${panelRules.length} panel queries to ${extractTo}`);
}

if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in ${folder}:`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`${objects.length} objects valid in ${folder}`);
