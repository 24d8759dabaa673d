#!/usr/bin/env node
// Creates every contract topic (and its dead-letter topic) on the local broker before a test tier starts, as the
// services do at boot. On a fresh broker, parallel test suites otherwise race to read offsets of topics that do not
// exist yet or whose leaders are not elected (NOT_LEADER_FOR_PARTITION). Needs a build (dist/) and KAFKA_BROKERS.
'use strict';
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist', 'libs');
const { ALL_TOPICS } = require(path.join(dist, 'contracts', 'src'));
const { createKafka, provisionTopics } = require(path.join(dist, 'platform', 'kafka', 'src'));

async function main() {
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const kafka = createKafka({ brokers, clientId: 'ml-connector-test-setup' });
  for (let attempt = 1; ; attempt += 1) {
    try {
      const created = await provisionTopics(kafka, ALL_TOPICS);
      process.stdout.write(`provision-topics: ${created.length} created, ${ALL_TOPICS.length * 2 - created.length} already there\n`);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

main().catch((err) => {
  process.stderr.write(`provision-topics: ${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
