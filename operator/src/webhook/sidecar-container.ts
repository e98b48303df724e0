// The injected container and its volumes. Restricted Pod Security profile throughout, so the
// pod still passes `pod-security.kubernetes.io/enforce=restricted` after injection.
import type { V1Container, V1Probe, V1Volume } from '@kubernetes/client-node';
import { caFile, caKey, mountPaths, sidecarContainerName, tokenFile, volumeNames } from './labels.js';
import type { InjectionSettings } from './settings.js';

const adminPortName = 'sy-admin';

function httpProbe(path: string, periodSeconds: number, failureThreshold: number): V1Probe {
  return { httpGet: { path, port: adminPortName }, periodSeconds, failureThreshold, timeoutSeconds: 1 };
}

export function buildSidecarContainer(settings: InjectionSettings): V1Container {
  return {
    name: sidecarContainerName,
    image: settings.image,
    imagePullPolicy: settings.imagePullPolicy,
    // A restartable init container is a native sidecar: started before the app containers,
    // stopped after them (GA in Kubernetes 1.33).
    restartPolicy: 'Always',
    args: [
      'sidecar',
      '--operator-url', settings.operatorUrl,
      '--ca-file', caFile,
      '--token-file', tokenFile,
      '--pod', '$(POD_NAMESPACE)/$(POD_NAME)',
      '--state-dir', mountPaths.state,
      '--port', String(settings.port),
      '--admin-port', String(settings.adminPort),
    ],
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      // The names docs/design/channel.md gives; the flags above carry the same values.
      { name: 'SWITCHYARD_OPERATOR_URL', value: settings.operatorUrl },
      { name: 'SWITCHYARD_OPERATOR_CA_FILE', value: caFile },
      { name: 'SWITCHYARD_TOKEN_FILE', value: tokenFile },
    ],
    ports: [{ name: adminPortName, containerPort: settings.adminPort, protocol: 'TCP' }],
    resources: { requests: { ...settings.resources.requests }, limits: { ...settings.resources.limits } },
    // Startup gates the app containers, so it checks liveness only: an app must start even when
    // the operator is away (the sidecar then serves its last good config, or 503s).
    startupProbe: httpProbe('/healthz', 1, 30),
    readinessProbe: httpProbe('/readyz', 5, 3),
    livenessProbe: httpProbe('/healthz', 10, 3),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: settings.runAsUser,
      runAsGroup: settings.runAsUser,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: [
      { name: volumeNames.token, mountPath: mountPaths.token, readOnly: true },
      { name: volumeNames.state, mountPath: mountPaths.state },
      { name: volumeNames.ca, mountPath: mountPaths.ca, readOnly: true },
      // The sidecar never calls the Kubernetes API: its only token is the projected one above,
      // audience-bound to the channel. An empty mount at the API token path stops the
      // ServiceAccount admission plugin from adding the pod's API token to this container
      // (it skips containers that already mount that path), whatever automount says.
      { name: volumeNames.noApiToken, mountPath: mountPaths.apiToken, readOnly: true },
    ],
  };
}

export function buildSidecarVolumes(settings: InjectionSettings): V1Volume[] {
  return [
    {
      name: volumeNames.token,
      projected: {
        sources: [
          {
            serviceAccountToken: {
              audience: settings.tokenAudience,
              expirationSeconds: settings.tokenExpirationSeconds,
              path: 'token',
            },
          },
        ],
      },
    },
    // Memory-backed: the last good config keeps credential values next to it (ADR 0009), and
    // tmpfs keeps them off the node's disk, like a mounted Secret.
    { name: volumeNames.state, emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: volumeNames.ca, configMap: { name: settings.caConfigMapName, items: [{ key: caKey, path: caKey }] } },
    { name: volumeNames.noApiToken, emptyDir: { medium: 'Memory', sizeLimit: '1Ki' } },
  ];
}
