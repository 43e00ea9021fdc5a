package io.opsline.inventory.internal;

import java.util.Optional;

import org.springframework.http.MediaType;

/** File formats for import and export. */
public enum TransferFormat {

    CSV("text/csv", "csv"),
    YAML("application/yaml", "yaml"),
    JSON("application/json", "json");

    private final String mediaType;
    private final String extension;

    TransferFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public static Optional<TransferFormat> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase()) {
            case "csv" -> Optional.of(CSV);
            case "yaml", "yml" -> Optional.of(YAML);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }

    /** The format a request body's content type names, if any. */
    public static Optional<TransferFormat> ofContentType(MediaType type) {
        if (type == null) {
            return Optional.empty();
        }
        var subtype = type.getSubtype().toLowerCase();
        if (subtype.equals("csv")) {
            return Optional.of(CSV);
        }
        if (subtype.equals("yaml") || subtype.equals("x-yaml")) {
            return Optional.of(YAML);
        }
        if (subtype.equals("json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }

    /** The format a file name's extension names, if any. */
    public static Optional<TransferFormat> ofFileName(String name) {
        if (name == null || !name.contains(".")) {
            return Optional.empty();
        }
        return parse(name.substring(name.lastIndexOf('.') + 1));
    }
}
