package io.kizuna.store;

import java.text.NumberFormat;
import java.util.Locale;

/** Yen as people read it: {@code ¥1,100}. */
public final class Yen {
    private Yen() {}

    public static String format(long amount) {
        return "¥" + NumberFormat.getIntegerInstance(Locale.JAPAN).format(amount);
    }
}
