package io.kizuna.store;

import java.time.OffsetDateTime;
import java.util.List;

/** Read models of the store, for the API and the pages. */
public final class Views {
    private Views() {}

    /** A variant; {@code memberPrice} is null when members pay the list price. */
    public record VariantView(String sku, String name, int price, Integer memberPrice, int stock) {
        public boolean inStock() {
            return stock > 0;
        }

        /** What a signed-in member pays. */
        public int memberPays() {
            return memberPrice == null ? price : Math.min(price, memberPrice);
        }
    }

    /**
     * A product. {@code saleStartsAt} null means on sale now; before it the product is "coming soon", except for
     * members from {@code earlyAccessFrom}. {@code perMemberLimit} caps the units one member may hold in live orders.
     */
    public record ProductView(String id, String slug, String name, String description, String category, String taxRate,
                              String visibility, List<String> images, boolean active, List<VariantView> variants,
                              OffsetDateTime saleStartsAt, OffsetDateTime earlyAccessFrom, Integer perMemberLimit,
                              OffsetDateTime createdAt) {
        public int rate() {
            return "reduced".equals(taxRate) ? OrderTotals.REDUCED : OrderTotals.STANDARD;
        }

        public boolean membersOnly() {
            return "members".equals(visibility);
        }

        public boolean hasMemberPrice() {
            return variants.stream().anyMatch(v -> v.memberPrice() != null && v.memberPrice() < v.price());
        }

        public boolean comingSoon(OffsetDateTime now) {
            return saleStartsAt != null && now.isBefore(saleStartsAt);
        }

        public boolean inEarlyAccess(OffsetDateTime now) {
            return comingSoon(now) && earlyAccessFrom != null && !now.isBefore(earlyAccessFrom);
        }

        public int lowestPrice() {
            return variants.stream().mapToInt(VariantView::price).min().orElse(0);
        }

        public boolean soldOut() {
            return variants.stream().noneMatch(VariantView::inStock);
        }
    }

    /**
     * One SKU as other modules show it (a live show's products): its product, price, member price and stock now.
     * {@code image} is the product's first image or null.
     */
    public record SkuView(String sku, String productSlug, String productName, String variantName, int price, Integer memberPrice,
                          int stock, String taxRate, String visibility, boolean active, String image) {
        public boolean inStock() {
            return stock > 0;
        }

        public boolean membersOnly() {
            return "members".equals(visibility);
        }
    }

    public record Address(String name, String postalCode, String prefecture, String city, String line1, String line2, String phone) {}

    public record ItemView(String sku, String productName, String variantName, int quantity, int unitPrice, int taxRate) {
        public int amount() {
            return unitPrice * quantity;
        }

        public boolean reduced() {
            return taxRate == OrderTotals.REDUCED;
        }
    }

    /** An order as API.md has it, plus what the pages and staff need. */
    public record OrderView(String id, String status, String paymentMethod, List<ItemView> items, OrderTotals totals,
                            Address shippingAddress, String couponCode, String trackingNumber, String paymentReference,
                            OffsetDateTime paymentDueAt, OffsetDateTime createdAt, OffsetDateTime paidAt,
                            OffsetDateTime shippedAt, String buyerId) {}

    /** Shop settings; {@code invoiceNumber} is the qualified-invoice issuer number (T + 13 digits). */
    public record SettingsView(String shopName, String invoiceNumber, int shippingFee, int freeShippingFrom, int codFee,
                               int paymentDays, String legalNotice) {}
}
