import { BusinessCentralClient } from '../client/business-central-client';
import { SalesCreditMemosPort, Versioned } from '../business-central.port';
import { eq } from '../odata/odata-filter';
import { BcPath } from '../odata/odata-path';
import { BcSalesCreditMemoCreate, normaliseExternalDocumentNumber, salesDocumentBody } from './sales-document-input';
import { deleteIfPresent } from './delete-if-present';
import { BcSalesCreditMemo, salesCreditMemoSchema } from './schemas/sales-document.schema';

const creditMemos = BcPath.collection('salesCreditMemos');

export class SalesCreditMemosResource implements SalesCreditMemosPort {
  constructor(private readonly client: BusinessCentralClient) {}

  async create(input: BcSalesCreditMemoCreate): Promise<BcSalesCreditMemo> {
    return this.client.create(creditMemos, salesDocumentBody(input, 'salesCreditMemoLines'), salesCreditMemoSchema);
  }

  async get(id: string): Promise<BcSalesCreditMemo | undefined> {
    return this.client.find(BcPath.entity('salesCreditMemos', id), salesCreditMemoSchema, {
      expand: ['salesCreditMemoLines'],
    });
  }

  async findByExternalDocumentNumber(externalDocumentNumber: string): Promise<BcSalesCreditMemo[]> {
    const filter = eq('externalDocumentNumber', normaliseExternalDocumentNumber(externalDocumentNumber));
    return this.client.list(creditMemos, salesCreditMemoSchema, { filter }).toArray();
  }

  async post(id: string): Promise<void> {
    return this.client.action(BcPath.entity('salesCreditMemos', id).child('Microsoft.NAV.post'));
  }

  async deleteDraft(creditMemo: Versioned): Promise<boolean> {
    return deleteIfPresent(this.client, BcPath.entity('salesCreditMemos', creditMemo.id), creditMemo.etag);
  }
}
