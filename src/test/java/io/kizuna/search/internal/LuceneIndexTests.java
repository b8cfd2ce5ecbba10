package io.kizuna.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.community.CommunityIndexFeed.ChangeCursor;
import io.kizuna.community.CommunityIndexFeed.IndexedPost;
import io.kizuna.community.CommunityIndexFeed.IndexedReply;
import io.kizuna.community.CommunityIndexFeed.IndexedThread;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTests {
    @TempDir
    Path dir;

    private static IndexedThread thread(long id, String title, String... bodies) {
        var posts = new java.util.ArrayList<IndexedPost>();
        for (int i = 0; i < bodies.length; i++) posts.add(new IndexedPost(id * 100 + i, bodies[i], false));
        return new IndexedThread(id, 1, title, "question", false, false, OffsetDateTime.now(), posts);
    }

    @Test
    void textIsIndexedWithoutPositionsAndStillFoundAndHighlighted() throws Exception {
        try (var index = new LuceneIndex(dir)) {
            index.apply(List.of(thread(1, "ワイヤレスイヤホンの電池", "充電は何時間かかりますか", "イヤホンは二時間で満充電です")), new ChangeCursor(5, 7));
            index.apply(List.of(), List.of(new IndexedReply(150, 1, 1, "ワイヤレスイヤホンの電池", "question", false, "ケースの充電ランプが点滅します", false, false)),
                new ChangeCursor(6, 1));

            assertThat(index.cursor()).contains(new ChangeCursor(6, 1));
            var hits = index.search("ｲﾔﾎﾝ 充電", Set.of(1L), Set.of(), null, null, 10);
            assertThat(hits).extracting(h -> h.type() + ":" + h.id()).contains("post:101");
            assertThat(hits.stream().filter(h -> h.id().equals("101")).findFirst().orElseThrow().snippet()).contains("<mark>");
            assertThat(index.search("点滅", Set.of(1L), Set.of(), null, null, 10)).extracting(h -> h.id()).containsExactly("150");
        }
        try (var reader = DirectoryReader.open(FSDirectory.open(dir))) {
            var fields = FieldInfos.getMergedFieldInfos(reader);
            for (String field : List.of(Analyzers.TITLE_JA, Analyzers.TITLE_NG, Analyzers.BODY_JA, Analyzers.BODY_NG)) {
                assertThat(fields.fieldInfo(field).getIndexOptions()).as(field).isEqualTo(IndexOptions.DOCS_AND_FREQS);
            }
        }
    }

    @Test
    void anIndexOfTheEarlierLayoutAsksForARebuildWhichReplacesItsFields() throws Exception {
        // given an index as earlier versions wrote it: text with positions, a cursor and no layout version
        try (var directory = FSDirectory.open(dir);
             var old = new IndexWriter(directory, new IndexWriterConfig(Analyzers.perField()))) {
            var doc = new Document();
            doc.add(new TextField(Analyzers.BODY_NG, "古い索引の本文", Field.Store.YES));
            old.addDocument(doc);
            old.setLiveCommitData(Map.of("kizuna.txid", "9", "kizuna.id", "3").entrySet());
            old.commit();
        }
        try (var index = new LuceneIndex(dir)) {
            // then it reads as an index that needs a rebuild
            assertThat(index.cursor()).isEmpty();
            // and the rebuild (clear, then the threads) writes the new layout without a conflict of index options
            index.clear();
            index.apply(List.of(thread(2, "コーヒー豆の保存", "冷凍庫で保存しています")), new ChangeCursor(10, 1));
            assertThat(index.cursor()).contains(new ChangeCursor(10, 1));
            assertThat(index.search("冷凍庫", Set.of(1L), Set.of(), null, null, 10)).extracting(h -> h.type() + ":" + h.id()).containsExactly("thread:2");
            assertThat(index.search("古い索引", Set.of(1L), Set.of(), null, null, 10)).isEmpty();
        }
    }

    @Test
    void changesAreSearchableAtOnceAndReachDiskWithTheirCursorAtTheNextCommit() throws Exception {
        try (var index = new LuceneIndex(dir)) {
            index.apply(List.of(thread(1, "ワイヤレスイヤホンの電池", "充電は何時間かかりますか")), new ChangeCursor(5, 7));
            index.commit();
            index.apply(List.of(thread(2, "コーヒー豆の保存", "冷凍庫で保存しています")), new ChangeCursor(6, 1));

            // searchable and current in memory before any commit
            assertThat(index.search("冷凍庫", Set.of(1L), Set.of(), null, null, 10)).extracting(h -> h.id()).containsExactly("2");
            assertThat(index.cursor()).contains(new ChangeCursor(6, 1));
            // while the disk still has the previous commit: a crash now re-applies the change log from (5, 7)
            assertThat(committedCursor()).isEqualTo("5/7");
            index.commitIfDue(); // the last commit is younger than COMMIT_EVERY_NANOS: nothing happens
            assertThat(committedCursor()).isEqualTo("5/7");

            index.commit();
            assertThat(committedCursor()).isEqualTo("6/1");
        }
    }

    @Test
    void aRebuildThatStopsHalfwayLeavesAnIndexThatAsksForARebuild() throws Exception {
        try (var index = new LuceneIndex(dir)) {
            index.apply(List.of(thread(1, "ワイヤレスイヤホンの電池", "充電は何時間かかりますか")), new ChangeCursor(5, 7));
            index.commit();
            // a rebuild starts: the old documents go, some threads are written, then the node stops
            index.clear();
            index.write(List.of(thread(2, "コーヒー豆の保存", "冷凍庫で保存しています")));
        }
        try (var index = new LuceneIndex(dir)) {
            assertThat(index.cursor()).isEmpty();
        }
    }

    private String committedCursor() throws Exception {
        try (var directory = FSDirectory.open(dir)) {
            var data = org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getUserData();
            return data.get("kizuna.txid") + "/" + data.get("kizuna.id");
        }
    }
}
