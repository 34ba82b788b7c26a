import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig } from '../../src/config/config';

/**
 * The deployment files, checked without a cluster or Docker: the Kubernetes manifests against
 * the Kubernetes JSON schemas (kubernetes-models), the kustomization rendered by reading its
 * resources, images and patches; the compose file; the Dockerfile's essentials. And both name
 * every variable the config knows.
 */
const INFRA = path.resolve(__dirname, '..', '..', '..', '..', 'infra');

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
};

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

function readDocs(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((d): d is K8sObject => d !== null);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Strategic merge, the part kustomize patches here use: objects merge, everything else replaces. */
function merge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (isPlainObject(v) && isPlainObject(target[k])) merge(target[k], v);
    else target[k] = v;
  }
}

function jsonPatch(target: Record<string, unknown>, ops: { op: string; path: string; value?: unknown }[]) {
  for (const op of ops) {
    const keys = op.path.split('/').slice(1);
    const last = keys.pop()!;
    let node = target as Record<string, unknown> | unknown[];
    for (const k of keys) node = (node as Record<string, unknown>)[k] as Record<string, unknown>;
    if (op.op !== 'replace' && op.op !== 'add') throw new Error(`unsupported op ${op.op}`);
    (node as Record<string, unknown>)[last] = op.value;
  }
}

const NAMESPACED = (kind: string) => kind !== 'Namespace';

/** Renders a kustomization: resources (files or directories), labels, namespace, images, patches. */
function render(dir: string): K8sObject[] {
  const k = parseYaml(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as {
    resources?: string[];
    namespace?: string;
    labels?: { pairs: Record<string, string> }[];
    images?: { name: string; newName?: string; newTag?: string }[];
    patches?: { path?: string; patch?: string; target?: { kind: string; name: string } }[];
  };
  const objects: K8sObject[] = [];
  for (const r of k.resources ?? []) {
    const p = path.join(dir, r);
    objects.push(...(statSync(p).isDirectory() ? render(p) : readDocs(p)));
  }
  for (const o of objects) {
    for (const l of k.labels ?? []) o.metadata.labels = { ...o.metadata.labels, ...l.pairs };
    if (k.namespace && NAMESPACED(o.kind)) o.metadata.namespace = k.namespace;
  }
  for (const patch of k.patches ?? []) {
    if (patch.path) {
      for (const p of readDocs(path.join(dir, patch.path))) {
        const target = objects.find((o) => o.kind === p.kind && o.metadata.name === p.metadata.name);
        if (!target) throw new Error(`patch ${patch.path}: no ${p.kind}/${p.metadata.name}`);
        merge(target, p);
      }
    } else if (patch.patch && patch.target) {
      const target = objects.find(
        (o) => o.kind === patch.target!.kind && o.metadata.name === patch.target!.name,
      );
      if (!target) throw new Error(`patch: no ${patch.target.kind}/${patch.target.name}`);
      jsonPatch(target, parseYaml(patch.patch) as { op: string; path: string; value?: unknown }[]);
    }
  }
  for (const image of k.images ?? []) {
    for (const o of objects) {
      const spec = (o.spec as { template?: { spec?: { containers?: { image: string }[] } } } | undefined)
        ?.template?.spec;
      for (const c of spec?.containers ?? []) {
        const [name] = c.image.split(':');
        if (name === image.name)
          c.image = `${image.newName ?? name}:${image.newTag ?? c.image.split(':')[1]}`;
      }
    }
  }
  return objects;
}

interface Container {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  livenessProbe?: { httpGet: { path: string; port: string } };
  readinessProbe?: { httpGet: { path: string; port: string } };
  startupProbe?: { httpGet: { path: string; port: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}
interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean };
}
const podSpec = (o: K8sObject) => (o.spec as { template: { spec: PodSpec } }).template.spec;
const templateLabels = (o: K8sObject) =>
  (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const ENV_KEYS = Object.keys(envSchema.shape);

describe('Kubernetes manifests (kustomize base + example overlay)', () => {
  const base = render(path.join(INFRA, 'k8s', 'base'));
  const overlay = render(path.join(INFRA, 'k8s', 'overlays', 'example'));
  const find = (objects: K8sObject[], kind: string, name: string) => {
    const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
    if (!o) throw new Error(`missing ${kind}/${name}`);
    return o;
  };

  it('every object validates against the Kubernetes JSON schema of its kind', () => {
    for (const objects of [base, overlay]) {
      expect(objects.length).toBeGreaterThan(10);
      for (const o of objects) {
        const Model = MODELS[`${o.apiVersion}/${o.kind}`];
        expect(Model, `a model for ${o.apiVersion} ${o.kind}`).toBeDefined();
        expect(() => new Model!(o as never).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
      }
    }
  });

  it('catches a broken manifest (the validation is real)', () => {
    const broken = structuredClone(find(base, 'Deployment', 'doorbraak-api'));
    (podSpec(broken).containers[0] as unknown as { ports: unknown }).ports = [{ containerPort: 'http' }];
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('has the api and worker Deployments with probes on the health endpoints, resources, PDBs, an HPA', () => {
    const api = find(base, 'Deployment', 'doorbraak-api');
    const worker = find(base, 'Deployment', 'doorbraak-worker');
    for (const [d, role, port, live, ready] of [
      [api, 'api', 3000, '/api/health', '/api/health/ready'],
      [worker, 'worker', 3001, '/health', '/health/ready'],
    ] as const) {
      const spec = podSpec(d);
      const c = spec.containers[0]!;
      expect(c.env).toContainEqual({ name: 'ROLE', value: role });
      expect(c.livenessProbe?.httpGet.path).toBe(live);
      expect(c.readinessProbe?.httpGet.path).toBe(ready);
      const named = c.ports?.find((p) => p.name === c.readinessProbe?.httpGet.port);
      expect(named?.containerPort).toBe(port);
      expect(c.resources?.requests?.memory).toBeTruthy();
      expect(c.resources?.limits?.memory).toBeTruthy();
      expect(spec.securityContext?.runAsNonRoot).toBe(true);
      // Longer than the app's own shutdown deadline, so it drains before the SIGKILL.
      const config = find(base, 'ConfigMap', 'doorbraak-config').data as Record<string, string>;
      const graceSeconds = Number(config.SHUTDOWN_GRACE_SECONDS);
      expect(spec.terminationGracePeriodSeconds!).toBeGreaterThan(graceSeconds + 5);
      const selector = (d.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
      expect(matches(selector, templateLabels(d))).toBe(true);
      const pdb = find(base, 'PodDisruptionBudget', d.metadata.name);
      expect(
        matches(
          (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          templateLabels(d),
        ),
      ).toBe(true);
    }
    const hpa = find(base, 'HorizontalPodAutoscaler', 'doorbraak-api');
    expect((hpa.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe('doorbraak-api');
    const service = find(base, 'Service', 'doorbraak-api');
    expect(
      matches((service.spec as { selector: Record<string, string> }).selector, templateLabels(api)),
    ).toBe(true);
    const ingress = find(base, 'Ingress', 'doorbraak');
    expect(JSON.stringify(ingress.spec)).toContain('"name":"doorbraak-api"');
    expect(base.filter((o) => o.kind === 'NetworkPolicy').length).toBeGreaterThanOrEqual(2);
  });

  it('runs the migration Job before the rollout (Argo CD PreSync hook) with ROLE=migrate', () => {
    const job = find(base, 'Job', 'doorbraak-migrate');
    const c = podSpec(job).containers[0]!;
    expect(c.args).toEqual(['node', 'apps/api/dist/main.js', 'migrate']);
    expect(c.env).toContainEqual({ name: 'ROLE', value: 'migrate' });
    expect((job.metadata as { annotations?: Record<string, string> }).annotations).toMatchObject({
      'argocd.argoproj.io/hook': 'PreSync',
    });
  });

  it('names every config variable in the ConfigMap or the Secret, with values the app accepts', () => {
    const config = find(base, 'ConfigMap', 'doorbraak-config').data as Record<string, string>;
    const secret = find(base, 'Secret', 'doorbraak-secrets').stringData as Record<string, string>;
    const perWorkload = ['ROLE'];
    const named = new Set([...Object.keys(config), ...Object.keys(secret), ...perWorkload]);
    const missing = ENV_KEYS.filter((k) => !named.has(k));
    expect(missing, 'add these to infra/k8s/base/configmap.yaml or secret.yaml').toEqual([]);
    const unknown = [...named].filter((k) => !ENV_KEYS.includes(k));
    expect(unknown, 'not read by the app (config.ts envSchema)').toEqual([]);
    for (const secretKey of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'METRICS_TOKEN'])
      expect(Object.keys(config)).not.toContain(secretKey);
    for (const role of ['api', 'worker', 'migrate'])
      expect(() => loadConfig({ ...config, ...secret, ROLE: role })).not.toThrow();
    for (const d of base.filter((o) => o.kind === 'Deployment' || o.kind === 'Job')) {
      const refs = podSpec(d).containers[0]!.envFrom ?? [];
      expect(refs).toEqual([
        { configMapRef: { name: 'doorbraak-config' } },
        { secretRef: { name: 'doorbraak-secrets' } },
      ]);
    }
  });

  it('the overlay sets namespace, image and host', () => {
    for (const o of overlay)
      if (o.kind !== 'Namespace') expect(o.metadata.namespace, o.metadata.name).toBe('doorbraak');
    for (const kind of ['Deployment', 'Job'])
      for (const o of overlay.filter((x) => x.kind === kind))
        expect(podSpec(o).containers[0]!.image).toBe('registry.example.nl/doorbraak/doorbraak:0.1.0');
    const config = find(overlay, 'ConfigMap', 'doorbraak-config').data as Record<string, string>;
    expect(config.PUBLIC_URL).toBe('https://doorbraak.acceptatie.example.nl');
    expect(config.NODE_ENV).toBe('production');
    expect(JSON.stringify(find(overlay, 'Ingress', 'doorbraak').spec)).toContain(
      'doorbraak.acceptatie.example.nl',
    );
  });
});

describe('compose file and image', () => {
  const compose = parseYaml(readFileSync(path.join(INFRA, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      { command?: string[]; environment?: Record<string, string>; depends_on?: unknown }
    >;
  };
  /** `${VAR:-default}` → default, as compose does with nothing set. */
  const resolve = (env: Record<string, string> = {}) =>
    Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );

  it('has postgres, redis (AOF, noeviction), mailpit, migrate, api and worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'api',
      'mailpit',
      'migrate',
      'postgres',
      'redis',
      'worker',
    ]);
    const redis = compose.services.redis!.command!.join(' ');
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(compose.services.migrate!.command).toEqual(['node', 'apps/api/dist/main.js', 'migrate']);
    expect(compose.services.api!.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(compose.services.worker!.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
    });
  });

  it('names every variable the config requires, only variables the app reads, valid in production', () => {
    for (const [name, role] of [
      ['api', 'api'],
      ['worker', 'worker'],
      ['migrate', 'migrate'],
    ] as const) {
      const env = resolve(compose.services[name]!.environment);
      const required =
        role === 'migrate' ? ['DATABASE_URL'] : ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL'];
      for (const key of required) expect(env[key], `${name}: ${key}`).toBeTruthy();
      expect(env.NODE_ENV).toBe('production');
      for (const key of Object.keys(env)) expect(ENV_KEYS, `${name}: ${key}`).toContain(key);
      const config = loadConfig({ ...env, ROLE: env.ROLE ?? role });
      expect(config.role).toBe(role);
    }
  });

  it('the Dockerfile: official Node 20 image, npm ci, prune, non-root, HEALTHCHECK, OCI labels', () => {
    const dockerfile = readFileSync(path.join(INFRA, 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    expect(dockerfile).toMatch(/RUN npm ci/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toContain('org.opencontainers.image.source');
    expect(dockerfile).toContain('apps/web/dist');
    expect(existsSync(path.join(INFRA, '..', '.dockerignore'))).toBe(true);
  });
});
