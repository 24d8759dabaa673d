{{/* Names, labels and the values every app shares. Per-app resources live in templates/<app>/. */}}

{{- define "mlc.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "mlc.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/* Name of one app's resources: <fullname>-<app>, within the 63 characters of a DNS label. */}}
{{- define "mlc.appName" -}}
{{- printf "%s-%s" (include "mlc.fullname" .root | trunc (int (sub 62 (len .app))) | trimSuffix "-") .app -}}
{{- end }}

{{- define "mlc.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mlc.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mlc.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mlc.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ml-connector
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels of one app's resources; call with (dict "root" $ "app" "<app>"). */}}
{{- define "mlc.appLabels" -}}
{{ include "mlc.labels" .root }}
app.kubernetes.io/component: {{ .app }}
{{- end }}

{{- define "mlc.appSelectorLabels" -}}
{{ include "mlc.selectorLabels" .root }}
app.kubernetes.io/component: {{ .app }}
{{- end }}

{{- define "mlc.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "mlc.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end }}

{{/* The image reference: digest when given, else the tag, else the chart's appVersion. */}}
{{- define "mlc.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag: `latest` is not allowed; pin a version (empty means the chart's appVersion)" -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end }}

{{/* PUBLIC_BASE_URL: explicit, or https://<ingress.host> (BigCommerce only delivers to HTTPS on 443). */}}
{{- define "mlc.publicBaseUrl" -}}
{{- if .Values.config.publicBaseUrl -}}
{{- .Values.config.publicBaseUrl -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "https://%s" (required "ingress.host is required when ingress.enabled is true (the public HTTPS host of the webhook endpoints)" .Values.ingress.host) -}}
{{- else -}}
{{- required "config.publicBaseUrl is required when ingress.enabled is false (the HTTPS URL where BigCommerce and Business Central reach ingress)" .Values.config.publicBaseUrl -}}
{{- end -}}
{{- end }}

{{/* Changes whenever the chart's Secret does, so pods roll to pick up new values. */}}
{{- define "mlc.secretChecksum" -}}
{{- with .Values.secrets -}}
{{- list .masterKey .databaseUrl .adminToken | toJson | sha256sum -}}
{{- end -}}
{{- end }}

{{- define "mlc.secretName" -}}
{{- default (include "mlc.fullname" .) .Values.secrets.existingSecret -}}
{{- end }}

{{/* Checks the secret values up front so the error names the value to set. */}}
{{- define "mlc.validateSecrets" -}}
{{- if not .Values.secrets.existingSecret -}}
{{- $_ := required "secrets.masterKey is required unless secrets.existingSecret is set (32 bytes as base64: openssl rand -base64 32)" .Values.secrets.masterKey -}}
{{- $_ := required "secrets.databaseUrl is required unless secrets.existingSecret is set (postgres://user:password@host:5432/database)" .Values.secrets.databaseUrl -}}
{{- end -}}
{{- end }}
