package io.kizuna.reviews.web;

import gg.jte.Content;
import io.kizuna.reviews.QuestionManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.PageRequest;
import io.kizuna.store.ProductPageSection;
import io.kizuna.store.Views.ProductView;
import io.kizuna.web.Fragments;
import io.kizuna.web.PageContext;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Product Q&A on the product page: questions with their best and official answers, the ask form, older questions by {@code qcursor}. */
@Component
class QuestionsSection implements ProductPageSection {
    private final QuestionManagement questions;
    private final Fragments fragments;

    QuestionsSection(QuestionManagement questions, Fragments fragments) {
        this.questions = questions;
        this.fragments = fragments;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Content render(ProductView product, PageContext page, Map<String, String> query) {
        io.kizuna.shared.Page<io.kizuna.reviews.Views.QuestionView> list;
        try {
            list = questions.forProduct(product, PageRequest.of("5", query.get("qcursor")));
        } catch (InvalidInputException e) {
            list = questions.forProduct(product, PageRequest.of("5", null));
        }
        var params = new HashMap<String, Object>();
        params.put("page", page);
        params.put("product", product);
        params.put("questions", list);
        return fragments.of("reviews/questions", params);
    }
}
