{{/* Service, HPA, PodDisruptionBudget and NetworkPolicy of one app; call with (dict "root" $ "app" "<app>"). */}}

{{- define "mlc.service" -}}
{{- $app := index .root.Values.apps .app -}}
{{- if $app.enabled -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "mlc.appName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "mlc.appLabels" . | nindent 4 }}
  {{- with .root.Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: ClusterIP
  selector:
    {{- include "mlc.appSelectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $app.port }}
      targetPort: http
      protocol: TCP
{{- end }}
{{- end }}

{{- define "mlc.hpa" -}}
{{- $app := index .root.Values.apps .app -}}
{{- if and $app.enabled $app.autoscaling.enabled -}}
{{- $a := $app.autoscaling -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) -}}
{{- fail (printf "apps.%s.autoscaling: minReplicas (%v) is above maxReplicas (%v)" .app $a.minReplicas $a.maxReplicas) -}}
{{- end -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "mlc.appName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "mlc.appLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "mlc.appName" . }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage }}
{{- end }}
{{- end }}

{{- define "mlc.pdb" -}}
{{- $app := index .root.Values.apps .app -}}
{{- $p := $app.podDisruptionBudget -}}
{{- if and $app.enabled $p.enabled -}}
{{- $min := $p.minAvailable -}}
{{- $max := $p.maxUnavailable -}}
{{- if eq (kindIs "invalid" $min) (kindIs "invalid" $max) -}}
{{- fail (printf "apps.%s.podDisruptionBudget: set exactly one of minAvailable and maxUnavailable (the other null)" .app) -}}
{{- end -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "mlc.appName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "mlc.appLabels" . | nindent 4 }}
spec:
  {{- if not (kindIs "invalid" $min) }}
  minAvailable: {{ $min }}
  {{- else }}
  maxUnavailable: {{ $max }}
  {{- end }}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "mlc.appSelectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/*
Inbound: the app's port from the metrics peers, and for ingress also from the ingress peers (an empty peer list
leaves that port open to any source). Outbound when restricted: DNS, HTTPS anywhere (BigCommerce, Business Central
and Entra ID have no fixed addresses) and the configured rules for Kafka, the registry and PostgreSQL.
*/}}
{{- define "mlc.networkPolicy" -}}
{{- $v := .root.Values -}}
{{- $app := index $v.apps .app -}}
{{- if and $app.enabled $v.networkPolicy.enabled -}}
{{- $np := $v.networkPolicy -}}
{{- $open := or (not $np.metricsFrom) (and (eq .app "ingress") (not $np.ingressFrom)) -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "mlc.appName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "mlc.appLabels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "mlc.appSelectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    {{- if $np.restrictEgress }}
    - Egress
    {{- end }}
  ingress:
    - ports:
        - port: http
          protocol: TCP
      {{- if not $open }}
      from:
        {{- toYaml $np.metricsFrom | nindent 8 }}
        {{- if eq .app "ingress" }}
        {{- toYaml $np.ingressFrom | nindent 8 }}
        {{- end }}
      {{- end }}
  {{- if $np.restrictEgress }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - ports:
        - port: 443
          protocol: TCP
    {{- with $np.egressRules }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- end }}
{{- end }}
{{- end }}
