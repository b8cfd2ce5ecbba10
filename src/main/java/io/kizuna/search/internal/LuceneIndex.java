package io.kizuna.search.internal;

import io.kizuna.community.CommunityIndexFeed.ChangeCursor;
import io.kizuna.community.CommunityIndexFeed.IndexedReply;
import io.kizuna.community.CommunityIndexFeed.IndexedThread;
import io.kizuna.search.SearchHit;
import io.kizuna.store.ProductSearchFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The node's Lucene index of community threads and posts under {@code KIZUNA_DATA_DIR/index}. Each commit records
 * the change-log cursor it reflects, so a restart continues where it stopped and a missing index is rebuilt.
 * <p>
 * Changes are searchable at once (a near-real-time reader from the writer) but made durable at most every
 * {@link #COMMIT_EVERY_NANOS}: a commit syncs every new file to disk, which one per 200 ms batch did five times a second
 * under load and a rebuild once per 500 threads. What a crash loses since the last commit is applied again from the
 * change log, which PostgreSQL keeps; applying a change twice gives the same documents. Closing commits.
 */
public final class LuceneIndex implements AutoCloseable {
    private static final String CURSOR_TXID = "kizuna.txid";
    private static final String CURSOR_ID = "kizuna.id";
    static final long COMMIT_EVERY_NANOS = 5_000_000_000L;
    /**
     * The layout of the documents; an index written with another (or none: the first, with positions) is rebuilt,
     * since Lucene refuses to mix a field's index options.
     */
    private static final String SCHEMA = "kizuna.schema";
    static final String SCHEMA_VERSION = "2";
    /**
     * Text is searched as a bag of words: QueryBuilder's boolean queries never need positions and the highlighter
     * analyses the stored text again, so text fields keep documents and frequencies only: smaller postings to write and
     * to merge (merges were a fifth of the node's CPU under reply load on a million posts; the rebuild is 111 s instead of
     * 123–153 s).
     */
    private static final FieldType TEXT = textType(false);
    private static final FieldType STORED_TEXT = textType(true);
    private final Analyzer analyzer = Analyzers.perField();
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private long committedAt = System.nanoTime();
    private boolean uncommitted;

    public LuceneIndex(Path dir) {
        try {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index at " + dir, e);
        }
    }

    private static FieldType textType(boolean stored) {
        var type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        type.setStored(stored);
        type.freeze();
        return type;
    }

    /**
     * The change-log position this index reflects; empty for a new (or lost) index, or one of an older layout, that
     * needs a rebuild.
     */
    public synchronized Optional<ChangeCursor> cursor() {
        Map<String, String> data = new java.util.HashMap<>();
        var live = writer.getLiveCommitData();
        if (live != null) live.forEach(e -> data.put(e.getKey(), e.getValue()));
        if (!data.containsKey(CURSOR_TXID) || !SCHEMA_VERSION.equals(data.get(SCHEMA))) return Optional.empty();
        return Optional.of(new ChangeCursor(Long.parseLong(data.get(CURSOR_TXID)), Long.parseLong(data.get(CURSOR_ID))));
    }

    /** Replaces the documents of these threads (dropping deleted ones); searchable at once, without moving the cursor (a rebuild). */
    public synchronized void write(Collection<IndexedThread> threads) {
        try {
            for (var t : threads) {
                writer.deleteDocuments(new Term("thread", Long.toString(t.id())));
                if (t.deleted()) continue;
                var posts = t.posts();
                String opening = posts.isEmpty() || posts.getFirst().deleted() ? "" : posts.getFirst().body();
                writer.addDocument(document("thread", t.id(), t, t.title(), opening));
                for (int i = 1; i < posts.size(); i++) {
                    var p = posts.get(i);
                    if (!p.deleted()) writer.addDocument(document("post", p.id(), t, t.title(), p.body()));
                }
            }
            written();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #write}, and the index now reflects the change log up to {@code cursor}; durable with the next commit. */
    public synchronized void apply(Collection<IndexedThread> threads, ChangeCursor cursor) {
        write(threads);
        reflect(cursor);
        commitIfDue();
    }

    /** Updates single replies (and whole threads for opening posts, which are part of the thread's document). */
    public synchronized void apply(Collection<IndexedThread> threads, Collection<IndexedReply> replies, ChangeCursor cursor) {
        try {
            for (var r : replies) {
                var key = new Term("key", "post:" + r.id());
                if (r.deleted()) {
                    writer.deleteDocuments(key);
                } else {
                    var t = new IndexedThread(r.threadId(), r.spaceId(), r.title(), r.kind(), r.solved(), false, null, java.util.List.of());
                    writer.updateDocument(key, document("post", r.id(), t, r.title(), r.body()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        apply(threads, cursor);
    }

    /** Replaces every product document with these (active) products, keeping the change-log cursor as it is. */
    public synchronized void replaceProducts(Collection<ProductSearchFeed.IndexedProduct> products) {
        try {
            writer.deleteDocuments(new Term("type", "product"));
            for (var p : products) {
                var doc = new Document();
                doc.add(new StringField("key", "product:" + p.id(), Field.Store.NO));
                doc.add(new StringField("type", "product", Field.Store.YES));
                doc.add(new StoredField("id", p.slug()));
                doc.add(new StringField("product_visibility", p.visibility(), Field.Store.NO));
                doc.add(new StoredField("title", p.name()));
                doc.add(new Field(Analyzers.TITLE_JA, p.name(), TEXT));
                doc.add(new Field(Analyzers.TITLE_NG, p.name(), TEXT));
                String body = p.category().isBlank() ? p.description() : p.category() + " " + p.description();
                doc.add(new Field(Analyzers.BODY_JA, body, TEXT));
                doc.add(new Field(Analyzers.BODY_NG, body, STORED_TEXT));
                writer.addDocument(doc);
            }
            written();
            commitIfDue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Empties the index (a rebuild follows) and forgets its cursor, so a commit before the rebuild's end (or a crash)
     * leaves an index that asks for a rebuild again rather than a partial one that looks current.
     */
    public synchronized void clear() {
        try {
            writer.deleteAll();
            writer.setLiveCommitData(Map.<String, String>of().entrySet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was just written is searchable now, and goes to disk with the next commit. */
    private void written() throws IOException {
        searchers.maybeRefresh();
        uncommitted = true;
    }

    /** The position in the change log the next commit records. */
    private void reflect(ChangeCursor cursor) {
        writer.setLiveCommitData(Map.of(CURSOR_TXID, Long.toString(cursor.txid()), CURSOR_ID, Long.toString(cursor.id()),
            SCHEMA, SCHEMA_VERSION).entrySet());
        uncommitted = true;
    }

    /** Commits what changed when the last commit is {@link #COMMIT_EVERY_NANOS} old (the feeder asks on every tick). */
    public synchronized void commitIfDue() {
        if (uncommitted && System.nanoTime() - committedAt >= COMMIT_EVERY_NANOS) commit();
    }

    /** The index now reflects the change log up to {@code cursor}, made durable at once (a rebuild's end). */
    public synchronized void commit(ChangeCursor cursor) {
        reflect(cursor);
        commit();
    }

    /** Makes everything written so far durable, with the cursor it reflects. */
    public synchronized void commit() {
        try {
            writer.commit();
            committedAt = System.nanoTime();
            uncommitted = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(String type, long id, IndexedThread t, String title, String body) {
        var doc = new Document();
        doc.add(new StringField("key", type + ":" + id, Field.Store.NO));
        doc.add(new StringField("type", type, Field.Store.YES));
        doc.add(new StoredField("id", Long.toString(id)));
        doc.add(new StringField("thread", Long.toString(t.id()), Field.Store.YES));
        doc.add(new StringField("space", Long.toString(t.spaceId()), Field.Store.NO));
        doc.add(new StringField("kind", t.kind(), Field.Store.NO));
        doc.add(new StringField("solved", t.solved() ? "1" : "0", Field.Store.YES));
        doc.add(new StoredField("title", title));
        if (type.equals("thread")) { // a reply matches by its own text; its thread's title is only shown with it
            doc.add(new Field(Analyzers.TITLE_JA, title, TEXT));
            doc.add(new Field(Analyzers.TITLE_NG, title, TEXT));
        }
        doc.add(new Field(Analyzers.BODY_JA, body, TEXT));
        doc.add(new Field(Analyzers.BODY_NG, body, STORED_TEXT));
        return doc;
    }

    /**
     * Searches titles and bodies in both analyses, only within {@code spaces}, optionally one {@code type} and one
     * thread {@code kind}. Returns up to {@code limit} hits with highlighted snippets.
     */
    public List<SearchHit> search(String text, Set<Long> spaces, Set<String> productVisibilities, String type, String kind, int limit) {
        if (spaces.isEmpty() && productVisibilities.isEmpty()) return List.of();
        var builder = new QueryBuilder(analyzer);
        var match = new BooleanQuery.Builder();
        int clauses = 0;
        for (var field : List.of(Analyzers.TITLE_JA, Analyzers.TITLE_NG, Analyzers.BODY_JA, Analyzers.BODY_NG)) {
            Query q = builder.createBooleanQuery(field, text, Occur.MUST);
            if (q == null) continue;
            match.add(field.startsWith("title") ? new BoostQuery(q, 2f) : q, Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) return List.of();
        // community content in the spaces the caller may see, or products of the visibilities the caller may see
        var visible = new BooleanQuery.Builder()
            .add(new TermInSetQuery("space", spaces.stream().map(s -> new BytesRef(Long.toString(s))).toList()), Occur.SHOULD)
            .add(new TermInSetQuery("product_visibility", productVisibilities.stream().map(BytesRef::new).toList()), Occur.SHOULD)
            .setMinimumNumberShouldMatch(1);
        var query = new BooleanQuery.Builder()
            .add(match.build(), Occur.MUST)
            .add(visible.build(), Occur.FILTER);
        if (type != null) query.add(new TermQuery(new Term("type", type)), Occur.FILTER);
        if (kind != null) query.add(new TermQuery(new Term("kind", kind)), Occur.FILTER);
        Query built = query.build();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(built, limit);
                var highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "…", true))
                    .withMaxLength(20_000)
                    .build();
                String[] snippets = top.scoreDocs.length == 0 ? new String[0] : highlighter.highlight(Analyzers.BODY_NG, built, top, 1);
                var stored = searcher.storedFields();
                var hits = new ArrayList<SearchHit>(top.scoreDocs.length);
                for (int i = 0; i < top.scoreDocs.length; i++) {
                    var doc = stored.document(top.scoreDocs[i].doc);
                    String snippet = snippets[i] != null ? snippets[i] : escapeStart(doc.get(Analyzers.BODY_NG));
                    String docType = doc.get("type");
                    hits.add(new SearchHit(docType, doc.get("id"), doc.get("thread"), doc.get("title"), snippet, "1".equals(doc.get("solved"))));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int documentCount() {
        try {
            var searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeStart(String body) {
        String s = body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "…" : body;
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public synchronized void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
