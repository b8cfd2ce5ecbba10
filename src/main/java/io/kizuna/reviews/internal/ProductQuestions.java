package io.kizuna.reviews.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code product_questions} table: which community question thread asks about which product. */
@Repository
public class ProductQuestions {
    private final JdbcClient jdbc;

    ProductQuestions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void link(long threadId, long productId) {
        jdbc.sql("insert into product_questions (thread_id, product_id) values (:t, :p)").param("t", threadId).param("p", productId).update();
    }

    /** Thread ids of a product's questions, newest first, below {@code before} (null: from the newest). */
    public List<Long> page(long productId, Long before, int limit) {
        return jdbc.sql("select thread_id from product_questions where product_id = :p and (cast(:before as bigint) is null or thread_id < :before) "
                + "order by thread_id desc limit :n")
            .param("p", productId).param("before", before).param("n", limit).query(Long.class).list();
    }

    public Optional<Long> productOf(long threadId) {
        return jdbc.sql("select product_id from product_questions where thread_id = :t").param("t", threadId).query(Long.class).optional();
    }
}
