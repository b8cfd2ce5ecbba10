package io.kizuna.search.internal;

import io.kizuna.community.CommunityIndexFeed;
import io.kizuna.community.CommunityIndexFeed.ChangeCursor;
import io.kizuna.store.ProductSearchFeed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's index current: every 200 ms it applies the community change log since the index's cursor
 * (searchable at once, committed to disk every few seconds: see {@link LuceneIndex}).
 * A missing index (or an admin's request) is rebuilt from PostgreSQL first. Every node does this on its own.
 */
@Component
public class IndexFeeder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IndexFeeder.class);
    private static final int BATCH = 2_000;
    private final CommunityIndexFeed feed;
    private final LuceneIndex index;
    private final AtomicBoolean rebuildRequested = new AtomicBoolean();
    private final ProductSearchFeed products;
    private String productFingerprint; // of the products now in the index; null: index them on the next tick
    private long productsCheckedAt;

    IndexFeeder(CommunityIndexFeed feed, ProductSearchFeed products, @Value("${kizuna.data-dir}") String dataDir) {
        this.feed = feed;
        this.products = products;
        this.index = new LuceneIndex(Path.of(dataDir).resolve("index"));
    }

    public LuceneIndex index() {
        return index;
    }

    /** Asks for a full rebuild from PostgreSQL on the next tick. */
    public void requestRebuild() {
        rebuildRequested.set(true);
    }

    @Scheduled(fixedDelayString = "${kizuna.search.poll-interval-ms:200}", initialDelay = 0)
    void tick() {
        try {
            var cursor = index.cursor();
            if (cursor.isEmpty() || rebuildRequested.getAndSet(false)) {
                rebuild();
                productFingerprint = null;
                return;
            }
            catchUp(cursor.get());
            indexProductsIfChanged();
            index.commitIfDue();
        } catch (RuntimeException e) {
            log.warn("Search indexing failed; will retry: {}", e.toString());
        }
    }

    private void catchUp(ChangeCursor cursor) {
        CommunityIndexFeed.Changes changes;
        do {
            changes = feed.after(cursor, BATCH);
            if (changes.next().equals(cursor)) return;
            var replies = feed.replies(changes.postIds());
            var threads = new java.util.LinkedHashSet<>(changes.threadIds());
            // an opening post is part of its thread's document; other replies are updated one by one
            replies.stream().filter(r -> r.openingPost()).forEach(r -> threads.add(r.threadId()));
            var single = replies.stream().filter(r -> !r.openingPost() && !threads.contains(r.threadId())).toList();
            index.apply(feed.threads(threads), single, changes.next());
            cursor = changes.next();
        } while (changes.more());
    }

    /**
     * Products are few: when the catalog's fingerprint moved, all active products are indexed again. The
     * fingerprint reads the whole catalog, so it is taken at most once a second.
     */
    private void indexProductsIfChanged() {
        if (productFingerprint != null && System.nanoTime() - productsCheckedAt < 1_000_000_000L) return;
        productsCheckedAt = System.nanoTime();
        String now = products.fingerprint();
        if (now.equals(productFingerprint)) return;
        index.replaceProducts(products.activeProducts());
        productFingerprint = now;
    }

    /** Reads every thread from PostgreSQL; the cursor taken first makes sure nothing written meanwhile is missed. */
    private void rebuild() {
        long t0 = System.nanoTime();
        var cursor = feed.now();
        index.clear();
        long after = 0;
        int threads = 0;
        while (true) {
            var ids = feed.threadIdsAfter(after, 500);
            if (ids.isEmpty()) break;
            index.write(feed.threads(ids));
            threads += ids.size();
            after = ids.getLast();
        }
        index.commit(cursor);
        log.info("Search index rebuilt: {} threads, {} documents in {} ms", threads, index.documentCount(), (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
