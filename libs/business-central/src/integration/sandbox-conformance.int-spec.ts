import { describeBusinessCentralPortConformance } from '../testing/business-central-port-conformance';
import { startBcSandbox, startReceiver } from '../testing/sandbox-kit';

jest.setTimeout(60_000);

describeBusinessCentralPortConformance('HTTP client against the BC sandbox', async () => {
  const sandbox = await startBcSandbox();
  const [company] = await sandbox.client().companies.list();
  const companyId = company?.id ?? '';
  const receiver = await startReceiver();
  return {
    api: sandbox.client({ companyId }),
    companyId,
    notificationUrl: receiver.url,
    close: async () => {
      await receiver.close();
      await sandbox.stop();
    },
  };
});
