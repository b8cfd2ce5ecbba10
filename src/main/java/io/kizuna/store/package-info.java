/** The store: catalog with variants and stock, orders and payments, tax-inclusive JPY totals, coupons, limited drops, shop settings. */
package io.kizuna.store;
