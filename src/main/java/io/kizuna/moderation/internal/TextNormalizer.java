package io.kizuna.moderation.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds the ways Japanese text can spell the same word: NFKC (full-width Latin and digits to ASCII, half-width kana to
 * full-width), katakana to hiragana, and lower case. Banned words and posts are compared in this form, so ｓｐａｍ,
 * ＳＰＡＭ and spam are one word, and ﾊﾞｶ, バカ and ばか are one word.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    public static String normalize(String text) {
        if (text == null) return "";
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        var out = new StringBuilder(nfkc.length());
        for (int i = 0; i < nfkc.length(); i++) {
            char c = nfkc.charAt(i);
            // katakana ァ (U+30A1) .. ヶ (U+30F6) sit 0x60 above their hiragana; ヽヾ likewise above ゝゞ
            if ((c >= '\u30A1' && c <= '\u30F6') || c == '\u30FD' || c == '\u30FE') c = (char) (c - 0x60);
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
