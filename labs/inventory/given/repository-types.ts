/** The rows the repository reads: an item, and an order as stored. */

/** One stock-keeping unit: how many are left, and a version that changes with every write. */
export interface Item {
  sku: string;
  stock: number;
  version: number;
}

/** An order as stored: its id (given by the database), what and how many. */
export interface StoredOrder {
  orderId: number;
  sku: string;
  quantity: number;
}
