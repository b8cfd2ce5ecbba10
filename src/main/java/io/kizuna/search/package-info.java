/** Japanese-aware full-text search (Lucene with Kuromoji plus a normalised bigram field), fed from the community's change log, one index per node. */
package io.kizuna.search;
