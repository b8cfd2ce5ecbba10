package io.kizuna.community;

/**
 * What another module writes when a post is published (notifications: the inbox row, and the author following the
 * thread). It is given as SQL that the community joins to its own statement, so those writes commit with the post, and
 * a reply is stored in one autocommitted statement: one round trip where an event listener inside a transaction took
 * three (the post, the listener's write, the commit).
 */
public interface PostPublishing {
    /**
     * One or more data-modifying CTEs ({@code name as (...)}, comma-separated, names prefixed by the module) that read
     * the published post only from the CTE {@code published (post_id, thread_id, author_id, opening, mentioned)}:
     * {@code opening} is the thread's first post, {@code mentioned} (bigint[]) the members its @mentions name.
     */
    String ctes();

    /**
     * Called right after the statement with {@link #ctes} ran, inside the caller's transaction when there is one: work
     * that needs the commit must wait for it itself (a wake-up registered with {@code AfterTransaction.commit}).
     */
    void stored();
}
