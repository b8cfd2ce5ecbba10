/** Store API and pages: catalog, cart, checkout, orders, receipts, staff tools, the 特定商取引法 page. */
package io.kizuna.store.web;
