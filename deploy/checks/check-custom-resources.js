#!/usr/bin/env node
// Validates the custom resources in rendered manifests, which kubernetes-validate has no schema for, against the
// schemas in schemas/ (written from the prometheus-operator CRD documentation), and checks that a PrometheusRule
// carries deploy/prometheus/ml-connector.rules.yml unchanged. Any other kind that is not a built-in Kubernetes one
// fails: a new custom resource needs a schema here first. Usage: check-custom-resources.js <manifests.yaml>
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const YAML = require('yaml');
const Ajv = require('ajv');
const { ROOT } = require('./lib/metrics-catalogue');

const SCHEMAS = {
  'monitoring.coreos.com/v1/ServiceMonitor': 'servicemonitor.schema.json',
  'monitoring.coreos.com/v1/PrometheusRule': 'prometheusrule.schema.json',
};

/** True for groups served by the Kubernetes API itself, which kubernetes-validate covers. */
function isBuiltIn(apiVersion) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

/** The offending name for errors about unknown properties, which ajv keeps out of the message. */
function extra(error) {
  return error.params?.additionalProperty ? ` ('${error.params.additionalProperty}')` : '';
}

function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: check-custom-resources.js <manifests.yaml>');
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  const validators = Object.fromEntries(
    Object.entries(SCHEMAS).map(([key, schema]) => [
      key,
      ajv.compile(JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', schema), 'utf8'))),
    ]),
  );
  const rules = YAML.parse(fs.readFileSync(path.join(ROOT, 'deploy/prometheus/ml-connector.rules.yml'), 'utf8'));
  const problems = [];
  const counts = {};
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter(Boolean)) {
    const key = `${doc.apiVersion}/${doc.kind}`;
    const name = `${doc.kind}/${doc.metadata?.name}`;
    if (isBuiltIn(doc.apiVersion ?? '')) continue;
    const validate = validators[key];
    if (!validate) {
      problems.push(`${name}: ${key} has no schema in deploy/checks/schemas`);
      continue;
    }
    counts[doc.kind] = (counts[doc.kind] ?? 0) + 1;
    if (!validate(doc))
      problems.push(...validate.errors.map((e) => `${name}: ${e.instancePath || '/'} ${e.message}${extra(e)}`));
    if (doc.kind === 'PrometheusRule' && !isDeepStrictEqual(doc.spec?.groups, rules.groups)) {
      problems.push(`${name}: spec.groups differ from deploy/prometheus/ml-connector.rules.yml`);
    }
  }
  for (const problem of problems) console.error(`custom-resources: ${problem}`);
  const summary =
    Object.entries(counts)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ') || 'none';
  console.log(`custom-resources: ${summary} checked, ${problems.length} problems`);
  process.exit(problems.length > 0 ? 1 : 0);
}

main();
