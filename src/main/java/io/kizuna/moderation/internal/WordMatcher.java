package io.kizuna.moderation.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Aho–Corasick over normalised words: one pass over a text finds every listed word in it, whatever the number of
 * words (a 10,000-character post against 5,000 words is one walk, not 5,000 {@code contains}). Immutable once built,
 * so every request thread shares one instance; a changed list builds a new one.
 */
public final class WordMatcher {
    public static final WordMatcher EMPTY = new WordMatcher(List.of());

    // the trie: per node, its outgoing characters (sorted) and the child for each
    private char[][] keys;
    private int[][] children;
    private final int[] fail;
    // per node, the word (index into the list) that ends here, or -1; dict links the nearest suffix node that ends a word
    private final int[] word;
    private final int[] dict;
    private final int words;

    /** Builds the automaton; words should already be {@link TextNormalizer#normalize normalised}; blanks are ignored. */
    public WordMatcher(List<String> normalizedWords) {
        int capacity = 1;
        for (var w : normalizedWords) capacity += w.length();
        keys = new char[capacity][];
        children = new int[capacity][];
        keys[0] = new char[0];
        children[0] = new int[0];
        int[] wordAt = new int[capacity];
        Arrays.fill(wordAt, -1);
        int nodes = 1;
        for (int w = 0; w < normalizedWords.size(); w++) {
            var text = normalizedWords.get(w);
            if (text == null || text.isEmpty()) continue;
            int node = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                int next = child(node, c);
                if (next < 0) {
                    next = nodes++;
                    keys[next] = new char[0];
                    children[next] = new int[0];
                    insertChild(node, c, next);
                }
                node = next;
            }
            if (wordAt[node] < 0) wordAt[node] = w;
        }
        this.words = normalizedWords.size();
        this.keys = Arrays.copyOf(keys, nodes);
        this.children = Arrays.copyOf(children, nodes);
        this.word = Arrays.copyOf(wordAt, nodes);
        this.fail = new int[nodes];
        this.dict = new int[nodes];
        Arrays.fill(dict, -1);
        // breadth first: a node's failure is the longest proper suffix that is also in the trie
        var queue = new ArrayDeque<Integer>();
        for (int child : children[0]) queue.add(child);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int k = 0; k < keys[node].length; k++) {
                char c = keys[node][k];
                int child = children[node][k];
                int f = fail[node];
                while (f > 0 && child(f, c) < 0) f = fail[f];
                int target = child(f, c);
                fail[child] = target >= 0 && target != child ? target : 0;
                dict[child] = word[fail[child]] >= 0 ? fail[child] : dict[fail[child]];
                queue.add(child);
            }
        }
    }

    public int size() {
        return words;
    }

    private int child(int node, char c) {
        char[] k = keys[node];
        int i = Arrays.binarySearch(k, c);
        return i >= 0 ? children[node][i] : -1;
    }

    private void insertChild(int node, char c, int child) {
        char[] k = keys[node];
        int[] ch = children[node];
        int at = -(Arrays.binarySearch(k, c) + 1);
        char[] nk = new char[k.length + 1];
        int[] nc = new int[ch.length + 1];
        System.arraycopy(k, 0, nk, 0, at);
        System.arraycopy(ch, 0, nc, 0, at);
        nk[at] = c;
        nc[at] = child;
        System.arraycopy(k, at, nk, at + 1, k.length - at);
        System.arraycopy(ch, at, nc, at + 1, ch.length - at);
        keys[node] = nk;
        children[node] = nc;
    }

    /** Calls {@code found} with the index of every listed word occurring in the normalised text (repeats included). */
    public void matches(String normalizedText, java.util.function.IntConsumer found) {
        int node = 0;
        for (int i = 0; i < normalizedText.length(); i++) {
            char c = normalizedText.charAt(i);
            int next;
            while ((next = child(node, c)) < 0 && node > 0) node = fail[node];
            node = Math.max(next, 0);
            if (word[node] >= 0) found.accept(word[node]);
            for (int d = dict[node]; d >= 0; d = dict[d]) found.accept(word[d]);
        }
    }

    /** The indexes of the listed words in the text, each once, in list order. */
    public int[] find(String normalizedText) {
        var seen = new java.util.BitSet(words);
        matches(normalizedText, seen::set);
        return seen.stream().toArray();
    }
}
