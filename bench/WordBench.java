import io.kizuna.moderation.internal.TextNormalizer;
import io.kizuna.moderation.internal.WordMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Banned-word check micro-benchmark (issue 5): a 10,000-character Japanese post against 5,000 words, the way the
 * content gate does it (fold width, kana and case, then one Aho-Corasick pass). Run against the built classes:
 *
 *   java -cp target/classes bench/WordBench.java [words] [chars] [iterations]
 *
 * Prints the matcher's build time and the median, p99 and mean of one check (normalise + match) and of the match alone,
 * after a warm-up long enough for the JIT; and, for scale, one loop of String.contains over the same words.
 */
public class WordBench {
    private static final String HIRAGANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん";
    private static final String KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    private static final String KANJI = "日本語商品購入配送返品交換会員投稿質問回答評価写真価格税込注文在庫限定発売予約店舗地域電話番号住所";
    private static final String HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉ";

    public static void main(String[] args) {
        int wordCount = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int chars = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        var random = new Random(20261201);

        // the list: 2-6 character words of kana, kanji and Latin, as staff would type them (then normalised like BannedWords)
        var words = new ArrayList<String>();
        while (words.size() < wordCount) words.add(word(random));
        long b0 = System.nanoTime();
        List<String> normalized = words.stream().map(TextNormalizer::normalize).toList();
        var matcher = new WordMatcher(normalized);
        long buildNs = System.nanoTime() - b0;

        // the post: Japanese prose with some full-width and half-width text and three listed words spelled differently
        var post = new StringBuilder(chars);
        while (post.length() < chars) {
            int kind = random.nextInt(10);
            String pool = kind < 4 ? HIRAGANA : kind < 6 ? KATAKANA : kind < 8 ? KANJI : kind < 9 ? HALF : "ＡＢＣＤＥＦＧｘｙｚ０１２３";
            post.append(pool.charAt(random.nextInt(pool.length())));
            if (random.nextInt(40) == 0) post.append('。');
        }
        post.replace(100, 100 + words.get(7).length(), words.get(7));
        post.replace(5_000, 5_000 + words.get(1234).length(), words.get(1234).toUpperCase());
        post.replace(9_000, 9_000 + words.get(4321).length(), words.get(4321));
        String text = post.substring(0, chars);

        int found = 0;
        for (int i = 0; i < iterations; i++) found += matcher.find(TextNormalizer.normalize(text)).length; // warm-up
        long[] check = new long[iterations];
        long[] matchOnly = new long[iterations];
        String folded = TextNormalizer.normalize(text);
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            found += matcher.find(TextNormalizer.normalize(text)).length;
            long t1 = System.nanoTime();
            found += matcher.find(folded).length;
            long t2 = System.nanoTime();
            check[i] = t1 - t0;
            matchOnly[i] = t2 - t1;
        }
        long c0 = System.nanoTime();
        int naive = 0;
        for (int r = 0; r < 20; r++) for (var w : normalized) if (folded.contains(w)) naive++;
        long containsNs = (System.nanoTime() - c0) / 20;

        System.out.printf("words=%d chars=%d iterations=%d distinct-matches=%d (sanity %d, %d)%n", wordCount, text.length(), iterations,
            matcher.find(folded).length, found % 7, naive / 20);
        System.out.printf("BUILD %.2f ms%n", buildNs / 1e6);
        report("CHECK normalise+match", check);
        report("MATCH only", matchOnly);
        System.out.printf("CONTAINS loop of %d String.contains: %.3f ms per post%n", wordCount, containsNs / 1e6);
    }

    private static void report(String name, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        System.out.printf("%s median=%.3f ms p99=%.3f ms mean=%.3f ms max=%.3f ms%n", name, s[s.length / 2] / 1e6,
            s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, Arrays.stream(s).average().orElse(0) / 1e6, s[s.length - 1] / 1e6);
    }

    private static String word(Random random) {
        int length = 2 + random.nextInt(5);
        var sb = new StringBuilder(length);
        int kind = random.nextInt(4);
        for (int i = 0; i < length; i++) {
            String pool = switch (kind) {
                case 0 -> HIRAGANA;
                case 1 -> KATAKANA;
                case 2 -> KANJI;
                default -> "abcdefghijklmnopqrstuvwxyz";
            };
            sb.append(pool.charAt(random.nextInt(pool.length())));
        }
        return sb.toString();
    }
}
