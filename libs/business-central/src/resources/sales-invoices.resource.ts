import { BusinessCentralClient } from '../client/business-central-client';
import { SalesInvoicesPort, Versioned } from '../business-central.port';
import { eq } from '../odata/odata-filter';
import { BcPath } from '../odata/odata-path';
import { BcSalesInvoiceCreate, normaliseExternalDocumentNumber, salesDocumentBody } from './sales-document-input';
import { deleteIfPresent } from './delete-if-present';
import { BcSalesInvoice, salesInvoiceSchema } from './schemas/sales-document.schema';

const invoices = BcPath.collection('salesInvoices');

export class SalesInvoicesResource implements SalesInvoicesPort {
  constructor(private readonly client: BusinessCentralClient) {}

  async create(input: BcSalesInvoiceCreate): Promise<BcSalesInvoice> {
    return this.client.create(invoices, salesDocumentBody(input, 'salesInvoiceLines'), salesInvoiceSchema);
  }

  async get(id: string): Promise<BcSalesInvoice | undefined> {
    return this.client.find(BcPath.entity('salesInvoices', id), salesInvoiceSchema, { expand: ['salesInvoiceLines'] });
  }

  async findByExternalDocumentNumber(externalDocumentNumber: string): Promise<BcSalesInvoice[]> {
    const filter = eq('externalDocumentNumber', normaliseExternalDocumentNumber(externalDocumentNumber));
    return this.client.list(invoices, salesInvoiceSchema, { filter }).toArray();
  }

  async findByOrderNumber(orderNumber: string): Promise<BcSalesInvoice[]> {
    return this.client
      .list(invoices, salesInvoiceSchema, { filter: eq('orderNumber', orderNumber.trim().toUpperCase()) })
      .toArray();
  }

  async post(id: string): Promise<void> {
    return this.client.action(BcPath.entity('salesInvoices', id).child('Microsoft.NAV.post'));
  }

  async deleteDraft(invoice: Versioned): Promise<boolean> {
    return deleteIfPresent(this.client, BcPath.entity('salesInvoices', invoice.id), invoice.etag);
  }
}
