{{/*
Environment of an app or of the migrations Job; call with (dict "root" $ "secretName" <name> "port" <port or 0>
"env" <map of extra NAME: value>). Values come inline (no ConfigMap) so the pre-install Job needs nothing that the
release has not created yet.
*/}}
{{- define "mlc.env" -}}
{{- $v := .root.Values -}}
{{- $keys := $v.secrets.existingSecretKeys -}}
{{- $fromChartSecret := not $v.secrets.existingSecret -}}
- name: BIND_HOST
  value: "0.0.0.0"
{{- if .port }}
- name: HTTP_PORT
  value: {{ .port | quote }}
{{- end }}
- name: KAFKA_BROKERS
  value: {{ required "kafka.brokers is required (host:port[,host:port...] of the Kafka bootstrap brokers)" $v.kafka.brokers | quote }}
- name: SCHEMA_REGISTRY_URL
  value: {{ required "schemaRegistry.url is required (URL of the Confluent-compatible schema registry API)" $v.schemaRegistry.url | quote }}
- name: PUBLIC_BASE_URL
  value: {{ include "mlc.publicBaseUrl" .root | quote }}
- name: LOG_LEVEL
  value: {{ $v.config.logLevel | quote }}
- name: BIGCOMMERCE_API_URL
  value: {{ $v.config.bigcommerceApiUrl | quote }}
- name: BC_API_URL
  value: {{ $v.config.bcApiUrl | quote }}
- name: ENTRA_AUTHORITY_URL
  value: {{ $v.config.entraAuthorityUrl | quote }}
- name: MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ ternary "MASTER_KEY" $keys.masterKey $fromChartSecret }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ ternary "DATABASE_URL" $keys.databaseUrl $fromChartSecret }}
{{- if or $v.secrets.existingSecret $v.secrets.adminToken }}
- name: ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ ternary "ADMIN_TOKEN" $keys.adminToken $fromChartSecret }}
      optional: true
{{- end }}
{{- range $name, $value := .env }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
