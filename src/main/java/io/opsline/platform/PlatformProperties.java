package io.opsline.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module may read.
 *
 * @param dataDir where Opsline keeps its files: the embedded database, logs, the initial admin password
 */
@ConfigurationProperties("opsline")
public record PlatformProperties(@DefaultValue("./data") Path dataDir) {
}
