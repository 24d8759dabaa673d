#!/usr/bin/env node
// Scrapes GET /metrics of running services and checks that every metric name used in deploy/ (dashboards, alert
// rules and their tests, chart templates) is exposed by at least one of them. A histogram exposes its _bucket, _sum
// and _count series; a metric counts as exposed once its `# TYPE` line is there, even before its first sample.
// Usage: node scripts/check-metrics-exposed.js http://127.0.0.1:3000 http://127.0.0.1:3001 ...
// (a URL that already ends in /metrics is scraped as given). Exits 1 when a name is missing or a scrape fails.
'use strict';
const { deployFiles, readCatalogue, usedNames } = require('../deploy/checks/lib/metrics-catalogue');

const SERIES_SUFFIXES = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count'] };

/** Metric names in a Prometheus text exposition: families from `# TYPE`, plus every sample's name. */
function exposedNames(text) {
  const names = new Set();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      names.add(type[1]);
      for (const suffix of SERIES_SUFFIXES[type[2]] ?? []) names.add(`${type[1]}${suffix}`);
    } else if (/^[a-zA-Z_:]/.test(line)) {
      names.add(/^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)[0]);
    }
  }
  return names;
}

async function scrape(base) {
  const url = base.replace(/\/+$/, '').endsWith('/metrics') ? base : `${base.replace(/\/+$/, '')}/metrics`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return { url, names: exposedNames(await response.text()) };
}

/** Names exposed with the `ml_connector_` prefix that docs/metrics.md does not list (reported, not failed). */
function undocumented(exposed) {
  const catalogue = readCatalogue();
  const known = (n) =>
    catalogue.metrics.has(n) ||
    catalogue.metrics.has(n.replace(/_(bucket|sum|count)$/, '')) ||
    catalogue.prefixes.some((p) => n.startsWith(p));
  return [...exposed].filter((n) => n.startsWith('ml_connector_') && !known(n)).sort();
}

async function main() {
  const bases = process.argv.slice(2);
  if (bases.length === 0) {
    console.error('usage: check-metrics-exposed.js <base url> [<base url>...]  e.g. http://127.0.0.1:3000');
    process.exit(2);
  }
  const scraped = [];
  let scrapeFailures = 0;
  for (const base of bases) {
    try {
      scraped.push(await scrape(base));
    } catch (err) {
      console.error(`metrics-exposed: ${base}: ${err.message}`);
      scrapeFailures += 1;
    }
  }
  const used = usedNames(deployFiles());
  let missing = 0;
  for (const [name, files] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    if (scraped.some((s) => s.names.has(name))) continue;
    missing += 1;
    console.error(`metrics-exposed: ${name} is exposed by none of the services (used in ${[...files].join(', ')})`);
  }
  for (const name of undocumented(new Set(scraped.flatMap((s) => [...s.names])))) {
    console.warn(`metrics-exposed: note: ${name} is exposed but not in docs/metrics.md`);
  }
  console.log(
    `metrics-exposed: ${used.size - missing} of ${used.size} names found on ${scraped.length} of ${bases.length} services`,
  );
  process.exit(missing + scrapeFailures > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(`metrics-exposed: ${err.message}`);
  process.exit(1);
});
