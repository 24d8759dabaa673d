import { loadSandboxConfig } from './config';
import { startSandbox } from './sandbox';

async function main(): Promise<void> {
  const config = loadSandboxConfig();
  const sandbox = await startSandbox(config);
  process.stdout.write(
    `sandbox ready: BigCommerce ${sandbox.bigcommerceUrl}/stores/sandbox, ` +
      `Business Central + Entra ID ${sandbox.businessCentralUrl}\n`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
