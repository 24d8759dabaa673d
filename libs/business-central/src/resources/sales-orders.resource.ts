import { BusinessCentralClient } from '../client/business-central-client';
import { SalesOrdersPort, Versioned } from '../business-central.port';
import { eq } from '../odata/odata-filter';
import { BcPath } from '../odata/odata-path';
import { deleteIfPresent } from './delete-if-present';
import { BcSalesOrderCreate, normaliseExternalDocumentNumber, salesDocumentBody } from './sales-document-input';
import { BcSalesOrder, salesOrderSchema } from './schemas/sales-document.schema';

const orders = BcPath.collection('salesOrders');

export class SalesOrdersResource implements SalesOrdersPort {
  constructor(private readonly client: BusinessCentralClient) {}

  async create(input: BcSalesOrderCreate): Promise<BcSalesOrder> {
    return this.client.create(orders, salesDocumentBody(input, 'salesOrderLines'), salesOrderSchema);
  }

  async get(id: string): Promise<BcSalesOrder | undefined> {
    return this.client.find(BcPath.entity('salesOrders', id), salesOrderSchema, { expand: ['salesOrderLines'] });
  }

  async findByExternalDocumentNumber(externalDocumentNumber: string): Promise<BcSalesOrder[]> {
    const filter = eq('externalDocumentNumber', normaliseExternalDocumentNumber(externalDocumentNumber));
    return this.client.list(orders, salesOrderSchema, { filter }).toArray();
  }

  async delete(order: Versioned): Promise<boolean> {
    return deleteIfPresent(this.client, BcPath.entity('salesOrders', order.id), order.etag);
  }

  async shipAndInvoice(id: string): Promise<void> {
    return this.client.action(BcPath.entity('salesOrders', id).child('Microsoft.NAV.shipAndInvoice'));
  }
}
