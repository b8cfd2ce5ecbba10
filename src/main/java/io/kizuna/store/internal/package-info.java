/** Store tables and SQL: products, variants and stock, orders, settings, coupons, carts; payment providers. */
package io.kizuna.store.internal;
