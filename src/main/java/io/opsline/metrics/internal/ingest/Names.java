package io.opsline.metrics.internal.ingest;

import java.util.function.IntPredicate;

/** The character rules of Prometheus names and of UTF-8 text, over bytes, shared by both input formats. */
final class Names {

    private Names() {
    }

    static boolean isLabelNameStart(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }

    static boolean isLabelNameChar(int b) {
        return isLabelNameStart(b) || (b >= '0' && b <= '9');
    }

    static boolean isMetricNameStart(int b) {
        return isLabelNameStart(b) || b == ':';
    }

    static boolean isMetricNameChar(int b) {
        return isLabelNameChar(b) || b == ':';
    }

    static boolean isValidLabelName(String name) {
        return isValid(name, Names::isLabelNameStart, Names::isLabelNameChar);
    }

    static boolean isValidMetricName(String name) {
        return isValid(name, Names::isMetricNameStart, Names::isMetricNameChar);
    }

    private static boolean isValid(String name, IntPredicate start, IntPredicate rest) {
        if (name.isEmpty() || !start.test(name.charAt(0))) {
            return false;
        }
        for (var i = 1; i < name.length(); i++) {
            if (!rest.test(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of the well-formed UTF-8 sequence that starts at {@code at} with a byte of 0x80 or
     * more, or 0 when it is not well formed (overlong, a surrogate, past U+10FFFF, or cut short by {@code end}).
     */
    static int utf8SequenceLength(byte[] bytes, int at, int end) {
        var b = bytes[at] & 0xff;
        int length;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (at + length > end) {
            return 0;
        }
        var codePoint = b & (0x7f >> length);
        for (var i = 1; i < length; i++) {
            var next = bytes[at + i] & 0xff;
            if ((next & 0xc0) != 0x80) {
                return 0;
            }
            codePoint = (codePoint << 6) | (next & 0x3f);
        }
        if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
            return 0;
        }
        return length;
    }
}
