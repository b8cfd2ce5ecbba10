/**
 * Live commerce: shows that embed an external stream (YouTube Live, Vimeo, HLS) with real-time chat, questions,
 * reactions, pinned products with live stock and buying in the show, fanned out to every node through PostgreSQL.
 */
package io.kizuna.live;
