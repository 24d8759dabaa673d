// Integration tiers talk to the real local stack; defaults match infra/env.sh.
process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
process.env.SCHEMA_REGISTRY_URL ??= 'http://127.0.0.1:8081/apis/ccompat/v7';
process.env.DATABASE_URL ??= 'postgres://mlc:mlc@127.0.0.1:5432/ml_connector_test';
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
