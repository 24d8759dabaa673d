import { Decimal } from '@mlc/platform-money';
import { describeBusinessCentralPortConformance } from './business-central-port-conformance';
import { FakeBusinessCentral } from './fake-business-central';

describeBusinessCentralPortConformance('in-memory fake', async () => {
  const fake = new FakeBusinessCentral();
  fake.itemSet.add({ number: '1896-S', displayName: 'ATHENS Desk', unitPrice: Decimal.parse('1000.8'), inventory: 4 });
  fake.itemSet.add({ number: 'OLD-1', blocked: true });
  const [company] = await fake.companies.list();
  return {
    api: fake,
    companyId: company?.id ?? '',
    notificationUrl: 'https://receiver.example/bc',
    close: async () => undefined,
  };
});
