package io.kizuna.shared;

import java.util.List;

/** HTTP 400 with one message per offending field. */
public class InvalidInputException extends DomainException {
    /** One refused field; {@code message} is a message key or plain English text. */
    public record FieldProblem(String field, String message) {}

    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(400, "invalid-input", "The request has invalid fields.");
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
