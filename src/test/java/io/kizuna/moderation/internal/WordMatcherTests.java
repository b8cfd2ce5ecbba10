package io.kizuna.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordMatcherTests {

    private static int[] find(List<String> words, String text) {
        return new WordMatcher(words.stream().map(TextNormalizer::normalize).toList()).find(TextNormalizer.normalize(text));
    }

    @Test
    void findsWordsWhateverTheirWidthKanaOrCase() {
        var words = List.of("バカ", "spam", "死ね");
        assertThat(find(words, "このﾊﾞｶ！")).containsExactly(0);
        assertThat(find(words, "ばかだな")).containsExactly(0);
        assertThat(find(words, "ＳＰＡＭです")).containsExactly(1);
        assertThat(find(words, "Spam and しね")).containsExactly(1);
        assertThat(find(words, "死ねばいい")).containsExactly(2);
        assertThat(find(words, "何の問題もない投稿")).isEmpty();
    }

    @Test
    void findsOverlappingAndNestedWords() {
        var words = List.of("he", "she", "his", "hers");
        assertThat(find(words, "ushers")).containsExactly(0, 1, 3);
        assertThat(find(words, "ahishers")).containsExactly(0, 1, 2, 3);
    }

    @Test
    void agreesWithContainsOnRandomText() {
        var random = new Random(42);
        String alphabet = "あいうabc";
        var words = new java.util.ArrayList<String>();
        for (int i = 0; i < 200; i++) words.add(randomText(random, alphabet, 1 + random.nextInt(4)));
        var matcher = new WordMatcher(words);
        for (int round = 0; round < 200; round++) {
            var text = randomText(random, alphabet, 50);
            var found = new java.util.TreeSet<Integer>();
            for (int i : matcher.find(text)) found.add(i);
            var expected = new java.util.TreeSet<Integer>();
            for (int i = 0; i < words.size(); i++) {
                // a repeated word is reported under its first index
                if (text.contains(words.get(i)) && words.indexOf(words.get(i)) == i) expected.add(i);
            }
            assertThat(found).as(text).isEqualTo(expected);
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        var b = new StringBuilder();
        for (int i = 0; i < length; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return b.toString();
    }
}
