package io.opsline.servicedesk.internal;

/**
 * How the desk's records are named: a prefix and a number of at least six digits ("INC-000123"),
 * read back whatever the case and however many leading zeros ("inc-123").
 */
public record TicketNumbers(String prefix) {

    public static final TicketNumbers INCIDENTS = new TicketNumbers("INC-");
    public static final TicketNumbers PROBLEMS = new TicketNumbers("PRB-");
    public static final TicketNumbers REQUESTS = new TicketNumbers("REQ-");

    public String format(long number) {
        return prefix + String.format("%06d", number);
    }

    /** The number in a reference; -1 when the text is not one of this prefix. */
    public long parse(String text) {
        if (text == null) {
            return -1;
        }
        var stripped = text.strip();
        if (stripped.length() <= prefix.length() || !stripped.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return -1;
        }
        try {
            var number = Long.parseLong(stripped.substring(prefix.length()));
            return number > 0 ? number : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
