package io.opsline.platform;

import java.util.ArrayList;
import java.util.List;

/** A 0-based page of a list; refuses nonsense instead of silently clamping it. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public PageRequest {
        var violations = new ArrayList<FieldViolation>();
        if (page < 0) {
            violations.add(FieldViolation.of("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(FieldViolation.of("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("Invalid paging", violations);
        }
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) page * size;
    }

    public <T> Page<T> toPage(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
