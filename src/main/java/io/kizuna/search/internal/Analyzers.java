package io.kizuna.search.internal;

import java.io.Reader;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Two views of the same text. {@code *_ja}: Kuromoji morphological analysis (words, base forms). {@code *_ng}: text
 * normalised (full/half width, hiragana to katakana, case) and cut into character bigrams, so ｲﾔﾎﾝ finds イヤホン,
 * ＡＢＣ finds ABC and two-character words always match.
 */
final class Analyzers {
    static final String TITLE_JA = "title_ja";
    static final String TITLE_NG = "title_ng";
    static final String BODY_JA = "body_ja";
    static final String BODY_NG = "body_ng";

    private Analyzers() {}

    static Analyzer perField() {
        var japanese = new JapaneseAnalyzer();
        var bigrams = new NormalizedBigramAnalyzer();
        return new PerFieldAnalyzerWrapper(japanese, Map.of(TITLE_NG, bigrams, BODY_NG, bigrams));
    }

    /** Width folding, hiragana→katakana, lower case, CJK bigrams (single characters kept when they stand alone). */
    static final class NormalizedBigramAnalyzer extends Analyzer {
        private static final NormalizeCharMap HIRAGANA_TO_KATAKANA;

        static {
            var builder = new NormalizeCharMap.Builder();
            for (char c = 'ぁ'; c <= 'ゖ'; c++) builder.add(String.valueOf(c), String.valueOf((char) (c + 0x60)));
            HIRAGANA_TO_KATAKANA = builder.build();
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(HIRAGANA_TO_KATAKANA, new CJKWidthCharFilter(reader));
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            result = new CJKBigramFilter(result);
            return new TokenStreamComponents(source, result);
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return initReader(fieldName, reader);
        }
    }
}
