{{/* Chart name, overridable. */}}
{{- define "switchyard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object name prefix: the release name, with the chart name added unless already part of it. */}}
{{- define "switchyard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "switchyard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: name + instance only, because selectors are immutable. */}}
{{- define "switchyard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchyard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "switchyard.labels" -}}
helm.sh/chart: {{ include "switchyard.chart" . }}
{{ include "switchyard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: switchyard
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "switchyard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "switchyard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "switchyard.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "switchyard.fullname" .)) .Values.webhook.tlsSecretName }}
{{- end }}

{{/* repository:tag or repository@digest from an image block, with fallbacks for tag. */}}
{{- define "switchyard.imageRef" -}}
{{- $repository := index . 0 }}{{- $tag := index . 1 }}{{- $digest := index . 2 }}
{{- if $digest }}
{{- printf "%s@%s" $repository $digest }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{- define "switchyard.image" -}}
{{- include "switchyard.imageRef" (list .Values.image.repository (default .Chart.AppVersion .Values.image.tag) .Values.image.digest) }}
{{- end }}

{{- define "switchyard.sidecarImage" -}}
{{- $s := .Values.sidecar.image }}
{{- include "switchyard.imageRef" (list (default .Values.image.repository $s.repository) (default (default .Chart.AppVersion .Values.image.tag) $s.tag) $s.digest) }}
{{- end }}

{{/* Namespaces never injected: the configured list plus the release namespace. */}}
{{- define "switchyard.excludedNamespaces" -}}
{{- toJson (uniq (append .Values.webhook.excludeNamespaces .Release.Namespace)) }}
{{- end }}

{{- define "switchyard.serviceHost" -}}
{{- printf "%s.%s.svc" (include "switchyard.fullname" .) .Release.Namespace }}
{{- end }}

{{/* Fields both injection webhooks share; called with (dict "Values" "Release" "fullname"). */}}
{{- define "switchyard.webhookCommon" -}}
clientConfig:
  service:
    name: {{ .fullname }}
    namespace: {{ .Release.Namespace }}
    path: /mutate
    port: {{ .Values.ports.webhook }}
rules:
  - apiGroups: [""]
    apiVersions: ["v1"]
    operations: ["CREATE"]
    resources: ["pods"]
    scope: Namespaced
admissionReviewVersions: ["v1"]
sideEffects: None
failurePolicy: {{ .Values.webhook.failurePolicy }}
timeoutSeconds: {{ .Values.webhook.timeoutSeconds }}
reinvocationPolicy: {{ .Values.webhook.reinvocationPolicy }}
matchPolicy: Equivalent
{{- end }}
