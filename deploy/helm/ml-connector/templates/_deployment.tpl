{{/*
An app's container command: its `command` with its `nodeFlags` put after the first element, which must then be the
node binary (V8 flags such as --single-threaded-gc are refused in NODE_OPTIONS, so they go on the command line).
Call with (dict "app" <name> "values" <the app's values>).
*/}}
{{- define "mlc.command" -}}
{{- $command := .values.command -}}
{{- with .values.nodeFlags -}}
{{- if ne (base (first $command)) "node" -}}
{{- fail (printf "apps.%s.nodeFlags needs a command that starts with node (it starts with %s)" $.app (first $command)) -}}
{{- end -}}
{{- $command = concat (list (first $command)) . (rest $command) -}}
{{- end -}}
{{- toJson $command -}}
{{- end -}}
{{/* One app's Deployment; call with (dict "root" $ "app" "<app>"). Every app runs the same image and pod spec. */}}
{{- define "mlc.deployment" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $app := index $v.apps .app -}}
{{- if $app.enabled -}}
{{- include "mlc.validateSecrets" $root -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "mlc.appName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "mlc.appLabels" . | nindent 4 }}
spec:
  {{- if not $app.autoscaling.enabled }}
  replicas: {{ $app.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "mlc.appSelectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "mlc.appLabels" . | nindent 8 }}
        {{- with $v.pod.labels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if or (not $v.secrets.existingSecret) $v.pod.annotations }}
      annotations:
        {{- if not $v.secrets.existingSecret }}
        checksum/secret: {{ include "mlc.secretChecksum" $root }}
        {{- end }}
        {{- with $v.pod.annotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "mlc.serviceAccountName" $root }}
      automountServiceAccountToken: {{ $v.serviceAccount.automountServiceAccountToken }}
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $v.podSecurityContext | nindent 8 }}
      {{- with $v.pod.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $v.pod.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .app }}
          image: {{ include "mlc.image" $root | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          command: {{ include "mlc.command" (dict "app" .app "values" $app) }}
          ports:
            - name: http
              containerPort: {{ $app.port }}
              protocol: TCP
          env:
            {{- include "mlc.env" (dict "root" $root "secretName" (include "mlc.secretName" $root) "port" $app.port "env" $app.env) | nindent 12 }}
          {{- with $v.extraEnvFrom }}
          envFrom:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- include "mlc.probes" $v.probes | nindent 10 }}
          resources:
            {{- toYaml $app.resources | nindent 12 }}
          securityContext:
            {{- toYaml $v.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        # The root filesystem is read-only; Node and its libraries may still write temporary files.
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
      {{- with $v.pod.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      affinity:
        {{- if $v.pod.affinity }}
        {{- toYaml $v.pod.affinity | nindent 8 }}
        {{- else }}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "mlc.appSelectorLabels" . | nindent 20 }}
        {{- end }}
      {{- with $v.pod.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.pod.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
{{- end }}

{{/* Startup, liveness and readiness probes on the app's health endpoints; call with .Values.probes. */}}
{{- define "mlc.probes" -}}
startupProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: 2
  timeoutSeconds: {{ .timeoutSeconds }}
  failureThreshold: {{ max 1 (div .startupSeconds 2) }}
livenessProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ .periodSeconds }}
  timeoutSeconds: {{ .timeoutSeconds }}
  failureThreshold: {{ .livenessFailureThreshold }}
readinessProbe:
  httpGet:
    path: /health/ready
    port: http
  periodSeconds: {{ .periodSeconds }}
  timeoutSeconds: {{ .timeoutSeconds }}
  failureThreshold: {{ .readinessFailureThreshold }}
{{- end }}
