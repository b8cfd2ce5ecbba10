package io.kizuna.web.internal;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON bodies bind strictly: a number or boolean sent for a text field is a 400, not quietly turned into text, and so
 * is text with U+0000, which PostgreSQL cannot store (it would fail the statement with a 500 wherever it reached one).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, text -> text
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    JsonMapperBuilderCustomizer noNulInText() {
        return builder -> builder.addModule(new SimpleModule("no-nul-in-text").addDeserializer(String.class, new NoNulText()));
    }

    /** Text as Jackson reads it, refused when it holds U+0000 (every text field of every body, lists and records alike). */
    static final class NoNulText extends StringDeserializer {
        /** How {@link ProblemMapper} tells this refusal from other type errors, to name it in the member's language. */
        static final String REFUSAL = "contains U+0000";

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = super.deserialize(p, ctxt);
            if (text != null && text.indexOf('\u0000') >= 0) throw ctxt.weirdStringException(text, String.class, REFUSAL);
            return text;
        }
    }
}
